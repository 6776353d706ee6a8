import Vapor

/// Assembles the application: the single place where every part is plugged in.
public func configure(_ app: Application, settings: Settings? = nil) async throws {
    let settings = try settings ?? Settings(environment: app.environment)
    app.logisSettings = settings
    try app.configureDatabase(settings)
    app.loadRules(settings)
    app.loadCotationGrids()
    _ = app.nationalFigureCache  // made before requests run concurrently
    app.configureViews()
    app.configureSecurity(settings)
    try app.configureRoutes()
    app.configureCommands()
}
