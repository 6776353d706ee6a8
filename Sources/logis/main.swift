import Foundation
import LogisRulesCLI
import LogisServer
import Vapor

// `logis rules …` runs before Vapor starts so that its output is JSON and nothing else.
let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "rules" {
    exit(RulesCommandLine.run(Array(arguments.dropFirst(2))))
}

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app)
    app.asyncCommands.use(RulesHelpCommand(), as: "rules")
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
