import Fluent
import Foundation
import LogisCore
import LogisPDF
import Vapor

/// The attestation d'enregistrement (CCH R441-2-4): proof of registration with the NUD, to be
/// sent within a month of a complete filing, and downloadable at any time afterwards.
enum Attestation {
    static let notRegistered = LogisError(
        .conflict, code: .requestNotRegistered,
        message: "Cette action n’est possible que sur une demande enregistrée et en cours.")

    /// `site` is the public address of this instance (`LOGIS_PUBLIC_URL`), where the person follows the request.
    static func pdf(
        for request: HousingRequest, claimCode: String? = nil, site: String, on db: any Database
    ) async throws -> Data {
        guard let nud = request.nud, request.status != .brouillon else { throw notRegistered }
        let territory = try await request.$territory.get(on: db)
        let desks = try await Guichet.query(on: db).filter(\.$territory.$id == (territory?.id ?? UUID()))
            .filter(\.$kind == Guichet.Kind.enregistrement.rawValue).sort(\.$name).all()
        let schedule = RequestLifecycle.schedule(of: request)
        let applicant = request.form.applicant
        let filedOn = request.firstFiledOn.map(RequestSummary.display) ?? ""

        var layout = PDFLayout(footer: PDFFooter(text: "Logis – attestation d’enregistrement n° \(nud)"))
        layout.title("Attestation d’enregistrement de votre demande de logement social")
        if let applicant {
            layout.paragraph(
                "\(applicant.firstName) \(applicant.lastName)\n\(applicant.street)\n\(applicant.postalCode) \(applicant.city)"
            )
        }
        layout.paragraph(
            [
                .regular("Votre demande de logement social a été enregistrée le \(filedOn) sous le numéro unique "),
                .bold(nud), .regular(". Conservez précieusement ce numéro : il est la référence de votre dossier."),
            ], alignment: .left)
        layout.heading("Votre demande")
        var rows: [(key: String, value: String)] = [
            (key: "Numéro unique (NUD)", value: nud), (key: "Date de dépôt (ancienneté)", value: filedOn),
        ]
        if let territory { rows.append((key: "Territoire", value: territory.name)) }
        let communes = try await CommuneList.load(on: db)
        let wished = communes.names(of: request.form.wishes?.communeCodes ?? [])
        rows.append((key: "Communes souhaitées", value: wished.joined(separator: ", ")))
        rows.append((key: "Logements recherchés", value: request.form.wishes?.typologies.joined(separator: ", ") ?? ""))
        rows.append((key: "Personnes à loger", value: String(request.form.householdPersons)))
        if let schedule {
            rows.append((key: "À renouveler avant le", value: RequestSummary.display(schedule.anniversary.iso)))
        }
        layout.keyValues(rows)
        layout.heading("Suivre votre demande en ligne")
        if let claimCode {
            layout.paragraph(
                [
                    .regular("Rendez-vous sur "), .bold(site),
                    .regular(
                        " : créez votre compte, puis dans « Mon espace », choisissez « Rattacher une demande » "),
                    .regular("et saisissez votre numéro unique et ce code de rattachement : "), .bold(claimCode),
                    .regular(". Ce code ne sert qu’une fois ; ne le communiquez à personne."),
                ])
        } else {
            layout.paragraph(
                [
                    .regular("Votre demande, ses pièces et son historique sont consultables sur "), .bold(site),
                    .regular(", rubrique « Mon espace »."),
                ])
        }
        layout.heading("Et maintenant ?")
        layout.bulletList([
            "Votre demande est valable un an. Vous serez prévenu(e) deux mois avant sa date anniversaire ; "
                + "sans renouvellement, elle sera radiée un mois après cette date et l’ancienneté sera perdue.",
            "Complétez votre dossier avec les pièces justificatives depuis votre espace personnel : "
                + "elles sont nécessaires à l’instruction de votre demande.",
            "Signalez tout changement de situation (famille, ressources, adresse) en mettant à jour votre demande.",
            "Quand un logement se libère, le bailleur présente trois candidatures à la commission d’attribution "
                + "(CALEOL), seule compétente pour attribuer. Si un logement vous est proposé, vous aurez au moins "
                + "10 jours pour répondre ; l’absence de réponse vaut refus.",
        ])
        if !desks.isEmpty {
            layout.heading("Vos guichets enregistreurs")
            for desk in desks {
                let address = [desk.street, [desk.postalCode, desk.city].compactMap { $0 }.joined(separator: " ")]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                let contact = [desk.phone, desk.email].compactMap { $0 }.joined(separator: " · ")
                layout.paragraph([.bold(desk.name), .regular("\n\(address)\(contact.isEmpty ? "" : "\n" + contact)")])
            }
        }
        let paris = TimeZone(identifier: "Europe/Paris") ?? .current
        let info = PDFDocumentInfo(
            title: "Attestation d’enregistrement \(nud)", subject: "Demande de logement social",
            creator: "Logis", creationDate: Date(), timeZone: paris)
        return layout.document(info: info).data()
    }

    static func response(
        for request: HousingRequest, claimCode: String? = nil, on req: Request
    ) async throws
        -> Response
    {
        let data = try await pdf(
            for: request, claimCode: claimCode, site: req.application.logisSettings.publicURL, on: req.db)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"attestation-\(request.nud ?? "demande").pdf\"")
        return response
    }
}
