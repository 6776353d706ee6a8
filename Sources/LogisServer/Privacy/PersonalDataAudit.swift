import Fluent
import Foundation

/// The audit lines a person is owed in their export: what they did themselves, and what anyone
/// did to their account or to one of their requests. Nothing about another account's files.
enum PersonalDataAudit {
    static func entries(
        about account: UUID, requests: [UUID], on db: any Database
    ) async throws
        -> [PersonalDataDocument.AuditPart]
    {
        let entries = try await AuditEntry.query(on: db)
            .group(.or) { any in
                any.filter(\.$actorAccountID == account)
                any.group(.and) { $0.filter(\.$targetType == "account").filter(\.$targetID == account.uuidString) }
                if !requests.isEmpty {
                    any.group(.and) {
                        $0.filter(\.$targetType == "request").filter(\.$targetID ~~ requests.map(\.uuidString))
                    }
                }
            }
            .sort(\.$occurredAt).all()
        let actorIDs = Set(entries.compactMap(\.actorAccountID)).subtracting([account])
        let actors = try await Account.query(on: db).filter(\.$id ~~ actorIDs).with(\.$guichet).all()
        let desks = Dictionary(uniqueKeysWithValues: actors.compactMap { actor in actor.id.map { ($0, actor) } })
        return entries.map { entry in
            let byYou = entry.actorAccountID == account
            return PersonalDataDocument.AuditPart(
                occurredAt: entry.occurredAt, action: entry.action, actionLabel: label(entry.action),
                outcome: entry.outcome, reason: entry.reason, byYou: byYou, actorRole: entry.actorRole,
                actorRoleLabel: entry.actorRole.flatMap(Role.init(rawValue:))?.label,
                actorDesk: byYou ? nil : entry.actorAccountID.flatMap { desks[$0]?.guichet?.name },
                targetType: entry.targetType, targetID: entry.targetID)
        }
    }

    /// What each code means, in the words of the person reading their export.
    static func label(_ action: String) -> String {
        switch AuditAction(rawValue: action) {
        case .signUp: "Création du compte"
        case .signIn: "Connexion"
        case .signInFailed: "Tentative de connexion échouée"
        case .signInThrottled: "Tentative de connexion bloquée (trop d’essais)"
        case .signOut: "Déconnexion"
        case .passwordChanged: "Changement du mot de passe"
        case .passwordResetRequested: "Demande d’un lien pour changer le mot de passe"
        case .passwordReset: "Nouveau mot de passe choisi par lien (toutes les sessions fermées)"
        case .emailConfirmed: "Confirmation de l’adresse e-mail"
        case .signUpExistingAddress: "Tentative d’inscription avec votre adresse (aucun compte créé)"
        case .accessDenied: "Accès refusé à une page"
        case .requestRead: "Consultation du dossier"
        case .requestSearch: "Recherche dans les demandes du territoire"
        case .requestChanged: "Modification du dossier"
        case .requestListed: "Dossier affiché dans une liste ou une recherche d’un guichet"
        case .duplicateMatched: "Dossier trouvé comme doublon possible par un guichet d’un autre territoire"
        case .requestAnonymised: "Anonymisation de la demande (durée de conservation écoulée)"
        case .retentionApplied: "Application des durées de conservation"
        case .personalDataExported: "Téléchargement de vos données"
        case .jobsViewed: "Consultation des tâches quotidiennes et des messages"
        case .messageRetried: "Nouvel envoi d’un message en échec"
        case .accountPurged: "Suppression d’une inscription jamais confirmée"
        case .messageChannelsChanged: "Choix de la façon d’être prévenu(e) (courriel, SMS, courrier)"
        case .lettersDownloaded: "Courrier à vous envoyer imprimé par un guichet"
        case .lettersPrinted: "Courrier à vous envoyer marqué comme imprimé par un guichet"
        case .gridDraftSaved: "Enregistrement d’un projet de grille de cotation"
        case .gridDraftDeleted: "Suppression d’un projet de grille de cotation"
        case .gridPreviewed: "Aperçu des effets d’une nouvelle grille de cotation"
        case .gridPublished: "Publication d’une nouvelle version de la grille de cotation"
        case .none: action
        }
    }
}
