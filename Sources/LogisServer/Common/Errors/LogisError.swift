import LogisCore
import NIOHTTP1
import Vapor

/// The one error family of the server: a stable code for programs, a French message for people.
public struct LogisError: AbortError, Sendable, Equatable {
    public let status: HTTPResponseStatus
    /// Stable snake_case identifier, part of the API contract.
    public let code: String
    /// Plain French sentence shown to the person.
    public let message: String
    /// Per-field messages of a rejected form, keyed by field name.
    public let fields: [String: String]?

    public init(_ status: HTTPResponseStatus, code: ErrorCode, message: String, fields: [String: String]? = nil) {
        self.init(status, coreCode: code.rawValue, message: message, fields: fields)
    }

    /// A refusal of the core's own typed errors (RuleError, CaleolError, OfferError…), whose
    /// codes are defined there.
    public init(_ status: HTTPResponseStatus, coreCode: String, message: String, fields: [String: String]? = nil) {
        self.status = status
        self.code = coreCode
        self.message = message
        self.fields = fields
    }

    public var reason: String { message }

    /// A 4xx: the person's input or situation was refused, and the page says why; anything else
    /// goes to the error page.
    var isRefusal: Bool { (400..<500).contains(status.code) }

    public static func == (lhs: LogisError, rhs: LogisError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code
    }
}

extension LogisError {
    static let badRequest = LogisError(
        .badRequest, code: .badRequest, message: "La requête est mal formée.")
    static let invalidBody = LogisError(
        .badRequest, code: .invalidBody,
        message: "Le contenu envoyé est illisible ou incomplet. Vérifiez les champs et réessayez.")
    static let authenticationRequired = LogisError(
        .unauthorized, code: .authenticationRequired,
        message: "Vous devez vous connecter pour accéder à cette page.")
    static let forbidden = LogisError(
        .forbidden, code: .forbidden, message: "Vous n’avez pas accès à cette page avec votre profil.")
    static let csrfRejected = LogisError(
        .forbidden, code: .csrfRejected,
        message: "Le formulaire a expiré ou ne provient pas de Logis. Rechargez la page et réessayez.")
    static let notFound = LogisError(
        .notFound, code: .notFound, message: "La page demandée n’existe pas ou n’est plus disponible.")
    static let methodNotAllowed = LogisError(
        .methodNotAllowed, code: .methodNotAllowed,
        message: "Cette adresse existe mais n’accepte pas cette méthode.")
    static let payloadTooLarge = LogisError(
        .payloadTooLarge, code: .payloadTooLarge, message: "Le contenu envoyé est trop volumineux.")
    static let bodyTooSlow = LogisError(
        .requestTimeout, code: .bodyTooSlow,
        message: "L’envoi a pris trop de temps et a été interrompu. Vérifiez votre connexion et réessayez.")
    static let serverBusy = LogisError(
        .serviceUnavailable, code: .serverBusy,
        message: "Trop d’envois sont en cours en ce moment. Réessayez dans une minute.")
    static let unsupportedMediaType = LogisError(
        .unsupportedMediaType, code: .unsupportedMediaType,
        message: "Le format du contenu envoyé n’est pas accepté.")
    static let tooManyAttempts = LogisError(
        .tooManyRequests, code: .tooManyAttempts,
        message: "Trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.")
    static let internalError = LogisError(
        .internalServerError, code: .internalError,
        message:
            "Une erreur inattendue est survenue. Réessayez plus tard ; si le problème persiste, contactez votre guichet."
    )
    /// A struck-off or satisfied request takes no new piece and no new priority.
    static let requestClosed = LogisError(
        .conflict, code: .requestClosed,
        message: "Cette demande est close (radiée ou satisfaite) : elle ne reçoit plus de pièce ni de statut.")
    static let databaseUnavailable = LogisError(
        .serviceUnavailable, code: .databaseUnavailable,
        message: "Le service est momentanément indisponible. Réessayez dans quelques minutes.")

    static func validation(_ message: String, code: ErrorCode = .validationFailed) -> LogisError {
        LogisError(.unprocessableEntity, code: code, message: message)
    }

    /// Maps any error thrown during a request to the family, so nothing leaks as a raw 500.
    static func from(_ error: any Error) -> LogisError {
        switch error {
        case let error as LogisError:
            return error
        case let error as RuleError:
            // A rule refused a value (a parameter, a stored code): the person can act on its message.
            return LogisError(error)
        case is DecodingError:
            return .invalidBody
        case is HTTPParserError:
            // A malformed or cut-off request (a client that hung up mid-body): its fault, not ours.
            return .badRequest
        case let error as any AbortError:
            return from(status: error.status)
        case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            // A malformed multipart body (its parser's errors are not public types).
            return .invalidBody
        default:
            return .internalError
        }
    }

    static func from(status: HTTPResponseStatus) -> LogisError {
        switch status.code {
        case 400: return .badRequest
        case 401: return .authenticationRequired
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 413: return .payloadTooLarge
        case 415: return .unsupportedMediaType
        case 429: return .tooManyAttempts
        case 503: return .databaseUnavailable
        case 400..<500:
            return LogisError(status, code: .clientError, message: "La requête n’a pas pu être traitée.")
        default: return .internalError
        }
    }
}
