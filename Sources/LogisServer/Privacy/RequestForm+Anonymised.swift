/// The answers of a struck-off request once its retention delay has run (docs/rules/retention.md):
/// nothing that names, locates or contacts a person, nor any free text; what the observatory
/// counts stays (household composition, situations, incomes, reasons, the dwelling sought).
extension RequestForm {
    func anonymised() -> RequestForm {
        var form = self
        if var applicant = form.applicant {
            applicant.lastName = ""
            applicant.birthName = ""
            applicant.firstName = ""
            applicant.birthDate = ""
            applicant.residencePermit = ""
            applicant.phone = ""
            applicant.email = ""
            // A street, or even a postal code in a village, points at one household.
            applicant.street = ""
            applicant.postalCode = ""
            applicant.city = ""
            form.applicant = applicant
        }
        if var coApplicant = form.coApplicant {
            coApplicant.lastName = ""
            coApplicant.firstName = ""
            coApplicant.birthDate = ""
            form.coApplicant = coApplicant
        }
        if var dependents = form.dependents {
            dependents.people = dependents.people.map { person in
                var person = person
                person.firstName = ""
                person.birthDate = ""
                return person
            }
            form.dependents = dependents
        }
        if var employment = form.employment {
            // Free text: an employer's name can identify a person in a small commune.
            employment.applicantEmployer = ""
            form.employment = employment
        }
        return form
    }
}
