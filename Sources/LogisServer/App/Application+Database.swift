import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

extension Application {
    func configureDatabase(_ settings: Settings) throws {
        if let url = settings.databaseURL {
            let configuration = try SQLPostgresConfiguration(url: url)
            databases.use(.postgres(configuration: configuration), as: .psql)
        } else {
            let path = settings.sqlitePath
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: .sqlite)
        }
        passwords.use(.bcrypt(cost: settings.bcryptCost))
        configurePasswordWork(cost: settings.bcryptCost)
        for migration in Self.allMigrations {
            migrations.add(migration)
        }
        databases.middleware.use(RankingTableMiddleware { [app = self] in app.rankingContext }, on: nil)
        databases.middleware.use(RequestNameWordsMiddleware(), on: nil)
    }

    /// Migrations in the order they were written (one exception, said below); never edit a landed
    /// one, add the next.
    static var allMigrations: [any Migration] {
        [
            M0001CreateTerritoryDirectory(),
            M0002CreateAccount(),
            M0003CreateAuthSession(),
            M0004CreateSignInFailure(),
            M0005CreateAuditEntry(),
            M0006CreateHousingRequest(),
            M0007CreateRequestDocument(),
            M0008AddCotation(),
            M0009AddGuichetWork(),
            M0010CreateRequestRevision(),
            M0011AddClaimCode(),
            M0012OneLiveRequestPerAccount(),
            M0013AddListColumns(),
            M0014CreatePendingFile(),
            M0015AddRequestAnonymisation(),
            M0016CreateStock(),
            M0017CreateCaleol(),
            M0018AddGridHash(),
            M0019CreateJobRuns(),
            M0020CreateOutbox(),
            M0021CreateAccountTokens(),
            M0022CreateServerSecrets(),
            M0023WishesByINSEECode(),
            M0024AddPositionIndex(),
            M0025CreateRequestNameWords(),
            M0026AddPaperReceivedOn(),
            M0027AddPendingCriteria(),
            M0028AddMessageChannels(),
            M0029CreateStatisticsSnapshots(),
            M0030AddSatisfactionColumns(),
            M0032AddConditionDates(),
            M0033CreateCotationGridVersions(),
            M0034CreateReservataires(),
            M0035AddReservataireReportIndexes(),
            M0036CreateNationalFigures(),
            M0037CreateObservatoryExports(),
            M0038AddResidenceTerritoryIndex(),
        ]
    }

    /// Brings the schema up to date and sets the SQLite pragmas that make a file database safe to share.
    /// Several instances starting on one PostgreSQL would run the same migrations at once (Fluent
    /// takes no lock): the first to take a session-level advisory lock migrates, the others wait
    /// for it, then find nothing left to do. SQLite serves one instance.
    private func migrateOnce() async throws {
        guard logisSettings.databaseKind == .postgres else { return try await autoMigrate() }
        try await db.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { return try await self.autoMigrate() }
            // Any constant shared by every instance; "logis" in ASCII.
            let key = 0x6C6F_6769_73
            try await sql.raw("SELECT pg_advisory_lock(\(literal: key))").run()
            do {
                try await self.autoMigrate()
            } catch {
                try? await sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
            try await sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
        }
    }

    public func prepareDatabase() async throws {
        if logisSettings.databaseKind == .sqlite, let sql = db as? any SQLDatabase {
            // WAL lets readers work while a writer commits; the mode is stored in the file itself.
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            // sqlite-nio also installs a retrying busy handler; the timeout bounds each wait per connection.
            for eventLoop in eventLoopGroup.makeIterator() {
                if let connection = databases.database(logger: logger, on: eventLoop) as? any SQLDatabase {
                    try await connection.raw("PRAGMA busy_timeout = 5000").run()
                    // In WAL mode, NORMAL syncs at checkpoints instead of every commit: a killed
                    // process loses nothing (the OS holds the pages); only a power cut may lose the
                    // last commits, never corrupt the file. Each commit was an fsync before.
                    try await connection.raw("PRAGMA synchronous = NORMAL").run()
                }
            }
        }
        try await migrateOnce()
        try await ServerSecret.load(self)
        try await RankingCheck.fillIfEmpty(self)
        try await cotationGridStore.reload(on: db)
        try await CotationGridFingerprint.verify(self)
    }
}
