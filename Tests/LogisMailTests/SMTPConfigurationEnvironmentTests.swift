import Testing

@testable import LogisMail

struct SMTPConfigurationEnvironmentTests {
    @Test func noHostMeansNoSMTP() throws {
        #expect(try SMTPConfiguration.fromEnvironment(["SMTP_FROM": "a@b.fr"]) == nil)
        #expect(try SMTPConfiguration.fromEnvironment(["SMTP_HOST": "  "]) == nil)
    }

    @Test func readsEveryVariable() throws {
        let configuration = try #require(
            try SMTPConfiguration.fromEnvironment([
                "SMTP_HOST": "smtp.exemple.fr", "SMTP_PORT": "2525", "SMTP_USERNAME": "logis",
                "SMTP_PASSWORD": " avec espaces ", "SMTP_FROM": "Logis <ne-pas-repondre@logis.fr>",
                "SMTP_SECURITY": "TLS",
            ]))
        #expect(configuration.host == "smtp.exemple.fr")
        #expect(configuration.port == 2525)
        #expect(configuration.username == "logis")
        #expect(configuration.password == " avec espaces ")
        #expect(configuration.from == (try MailAddress("ne-pas-repondre@logis.fr", displayName: "Logis")))
        #expect(configuration.security == .tls)
        #expect(!configuration.description.contains("espaces"))
    }

    @Test(arguments: [
        (String?("starttls"), SMTPConfiguration.Security.startTLS, 587), (nil, .startTLS, 587), ("tls", .tls, 465),
        ("plain", .plain, 25),
    ])
    func theSecurityModeChoosesTheDefaultPort(value: String?, security: SMTPConfiguration.Security, port: Int) throws {
        var environment = ["SMTP_HOST": "smtp.exemple.fr", "SMTP_FROM": "a@logis.fr"]
        environment["SMTP_SECURITY"] = value
        let configuration = try #require(try SMTPConfiguration.fromEnvironment(environment))
        #expect(configuration.security == security)
        #expect(configuration.port == port)
        #expect(configuration.username == nil)
    }

    @Test(arguments: [
        (["SMTP_SECURITY": "ssl"], SMTPConfigurationError.invalidSecurity("ssl")),
        (["SMTP_PORT": "70000"], .invalidPort("70000")),
        (["SMTP_PORT": "vingt-cinq"], .invalidPort("vingt-cinq")),
        (["SMTP_FROM": ""], .missingFrom),
        (["SMTP_FROM": "pas une adresse"], .invalidFrom("pas une adresse")),
        (["SMTP_USERNAME": "logis"], .incompleteCredentials(missing: "SMTP_PASSWORD")),
        (["SMTP_PASSWORD": "secret"], .incompleteCredentials(missing: "SMTP_USERNAME")),
    ])
    func badValuesGiveATypedError(overrides: [String: String], error: SMTPConfigurationError) {
        var environment = ["SMTP_HOST": "smtp.exemple.fr", "SMTP_FROM": "a@logis.fr"]
        environment.merge(overrides) { $1 }
        #expect(throws: error) { try SMTPConfiguration.fromEnvironment(environment) }
    }

    @Test func theErrorMessagesAreFrenchAndNameTheVariable() {
        #expect(
            SMTPConfigurationError.invalidSecurity("ssl").description
                == "SMTP_SECURITY vaut « ssl » : les valeurs possibles sont starttls, tls ou plain.")
        #expect(SMTPConfigurationError.missingFrom.description.hasPrefix("SMTP_FROM est obligatoire"))
    }
}
