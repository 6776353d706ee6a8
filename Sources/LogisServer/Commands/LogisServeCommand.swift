import Vapor

/// `logis serve [--hostname H] [--port P] [--demo]`: migrates, optionally loads the demo data,
/// then hands over to Vapor's server (which handles signals and graceful shutdown).
struct LogisServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Adresse d’écoute (défaut : 127.0.0.1).")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port d’écoute (défaut : 8080).")
        var port: Int?

        @Flag(name: "demo", help: "Charge les données de démonstration (une seule fois) et affiche les comptes.")
        var demo: Bool

        init() {}
    }

    var help: String {
        "Applique les migrations en attente puis sert Logis. --demo charge les territoires et comptes de démonstration."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        if signature.demo {
            context.console.print("Chargement des données de démonstration…")
            try await app.loadDemoData(requests: true)
            context.console.print(DemoData.accountsBanner)
        }
        OpenFileLimit.raiseToHardLimit()
        let settled = try await PendingFile.sweep(app, now: app.clock.now)
        if settled.removed > 0 {
            context.console.print("Fichiers d’envois interrompus supprimés : \(settled.removed).")
        }
        let arguments = [
            "logis", "--hostname", signature.hostname ?? "127.0.0.1", "--port", String(signature.port ?? 8080),
        ]
        // Only here, never in `configure`: tests and the other commands do not run the schedule.
        JobScheduler.start(app)
        var serveContext = CommandContext(console: context.console, input: CommandInput(arguments: arguments))
        serveContext.application = app
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}

/// `logis migrate`: applies pending migrations, without asking (it runs in scripts and CI).
struct LogisMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Applique les migrations en attente à la base configurée (SQLite ou DATABASE_URL)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareDatabase()
        context.console.print("Base de données à jour (\(context.application.logisSettings.databaseKind.rawValue)).")
    }
}

/// `logis seed demo` loads the demo territories, desks and accounts; `logis seed generated
/// --requests N [--territory slug]` adds N generated registered requests (benchmarks, load tests).
struct LogisSeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dataset", help: "Le jeu de données à charger : demo ou generated.")
        var dataset: String

        @Option(name: "requests", help: "Pour generated : nombre de demandes à ajouter (défaut 100000).")
        var requests: Int?

        @Option(name: "territory", help: "Pour generated : le territoire (défaut petite-camargue).")
        var territory: String?

        init() {}
    }

    var help: String {
        "Charge un jeu de données : demo (sans effet s’il est déjà chargé) ou generated (demandes générées en nombre)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard ["demo", "generated"].contains(signature.dataset) else {
            context.console.error("Jeu de données inconnu : \(signature.dataset). Choix : demo, generated.")
            throw LogisError.badRequest
        }
        try await context.application.prepareDatabase()
        context.console.print("Chargement des données de démonstration…")
        try await context.application.loadDemoData(requests: true)
        guard signature.dataset == "generated" else {
            context.console.print(DemoData.accountsBanner)
            return
        }
        let count = max(1, signature.requests ?? 100_000)
        let territory = signature.territory ?? "petite-camargue"
        let started = Date()
        try await GeneratedRequests.load(count: count, territorySlug: territory, app: context.application) { done in
            let percent = done * 100 / count
            context.console.output("\r\(done) / \(count) demandes (\(percent) %)".consoleText(), newLine: done == count)
        }
        let seconds = Int(Date().timeIntervalSince(started))
        context.console.print("\(count) demandes générées dans « \(territory) » en \(seconds) s.")
    }
}

extension Application {
    func configureCommands() {
        asyncCommands.use(LogisServeCommand(), as: "serve", isDefault: true)
        asyncCommands.use(LogisMigrateCommand(), as: "migrate")
        asyncCommands.use(LogisSeedCommand(), as: "seed")
        asyncCommands.use(LogisBackupCommand(), as: "backup")
        asyncCommands.use(LogisRestoreCommand(), as: "restore")
        asyncCommands.use(LogisRetentionCommand(), as: "retention")
        asyncCommands.use(LogisCheckCommand(), as: "check")
        asyncCommands.use(LogisImportCommand(), as: "import")
        asyncCommands.use(LogisJobsCommand(), as: "jobs")
        asyncCommands.use(LogisGenerateCommand(), as: "generate")
        asyncCommands.use(LogisBenchCommand(), as: "bench")
    }
}
