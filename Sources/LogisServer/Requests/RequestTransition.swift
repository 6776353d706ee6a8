import LogisCore

extension HousingRequest {
    /// Moves the request through the core's state machine, or throws the refusal pages and API
    /// both show. The caller saves it, with the move's event, in one transaction.
    func apply(_ move: RequestMove, by actor: RequestActor) throws {
        status = try checked(move, by: actor)
        syncSearchColumns()
    }

    /// The status the move would lead to, checked without changing the request: for a refusal
    /// before any other work.
    func checked(_ move: RequestMove, by actor: RequestActor) throws -> RequestStatus {
        do throws(RequestMoveError) {
            return try RequestStateMachine.apply(move, to: status, by: actor, previous: statusBeforeRadiation)
        } catch {
            throw LogisError(refusedMove: error)
        }
    }
}

extension Role {
    /// The part an account plays in the request's state machine.
    var requestActor: RequestActor {
        switch self {
        case .demandeur: .applicant
        case .accueil: .reception
        case .enregistreur: .registeringDesk
        case .travailleurSocial: .socialWorker
        case .bailleur: .landlord
        case .reservataire: .reservationHolder
        case .caleol: .commission
        case .epci: .steering
        case .admin: .administrator
        }
    }
}

extension LogisError {
    /// One code per refusal, whichever page or API route made the move.
    init(refusedMove error: RequestMoveError) {
        switch error {
        case .notBy:
            self = LogisError(
                .forbidden, code: .moveForbidden,
                message: "Votre profil ne permet pas cette action sur une demande.")
        case .nothingToRestore, .notFrom(_, .restore):
            self = LogisError(.conflict, code: .notRadiated, message: "Cette demande n’est pas radiée.")
        case .notFrom(_, .register):
            self = RequestRegistration.notADraft
        case .notFrom(_, .radiate):
            self = LogisError(.conflict, code: .requestClosed, message: "Cette demande est déjà close.")
        case .notFrom(let status, let move):
            self = LogisError(
                .conflict, code: .invalidTransition,
                message: "Une demande « \(status.label.lowercased()) » ne peut pas être \(move.pastParticiple).")
        }
    }
}

extension RequestMove {
    /// For the refusal's sentence: « ne peut pas être activée ».
    fileprivate var pastParticiple: String {
        switch self {
        case .register: "enregistrée"
        case .activate: "activée"
        case .select: "retenue comme candidate"
        case .release: "remise en attente"
        case .attribute: "attribuée"
        case .decline: "remise en attente après une proposition"
        case .lease: "satisfaite par un bail"
        case .radiate: "radiée"
        case .restore: "rétablie"
        }
    }
}
