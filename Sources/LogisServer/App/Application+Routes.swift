import Vapor

extension Application {
    func configureRoutes() throws {
        let settings = logisSettings
        // Ordinary forms are small; routes that take uploads raise their own limit.
        routes.defaultMaxBodySize = "1mb"
        try register(collection: HomeController())
        try register(collection: PrivacyPageController())
        try register(collection: HealthController())
        try register(collection: DirectoryController())
        try register(collection: AccountPagesController(secureCookies: settings.secureCookies))
        try register(collection: SessionAPIController())
        try register(collection: PasswordResetAPIController())
        try register(collection: PasswordResetController())
        try register(collection: EmailConfirmationController())
        try register(collection: RequestWizardController())
        try register(collection: PersonalSpaceController())
        try register(collection: ChannelPreferencesController())
        try register(collection: PersonalDataController())
        try register(collection: RequestsAPIController())
        try register(collection: EligibilityController())
        try register(collection: DocumentsController())
        try register(collection: CotationController())
        try register(collection: GuichetHomeController())
        try register(collection: GuichetFileController())
        try register(collection: GuichetEntryController())
        try register(collection: LetterPrintController())
        try register(collection: GuichetAPIController())
        try register(collection: StockAPIController())
        try register(collection: VacancyAPIController())
        try register(collection: VacancyPagesController())
        try register(collection: CaleolAPIController())
        try register(collection: OfferAPIController())
        try register(collection: OfferPagesController())
        try register(collection: CaleolPagesController())
        try register(collection: JobsAdminController())
        try register(collection: EpciHomeController())
        try register(collection: GridPagesController())
        try register(collection: GridAPIController())
        try register(collection: ObservatoryController())
        try register(collection: ObservatoryExportController())
        try register(collection: ReservataireReportController())
        try register(collection: FluxAgreementsController())
        try register(collection: LegalPagesController(notice: settings.legalNotice))
        try register(collection: APIDocsController(resourcesDirectory: directory.resourcesDirectory))
        allowedMethods = AllowedMethods(routes: routes.all)
    }
}
