/// The French texts of the account messages (issue 12 §4), written like the other `MessageTexts`.
/// A link is the whole address of the page, built from `LOGIS_PUBLIC_URL`.
extension MessageTexts {
    static func passwordReset(link: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            Vous avez demandé à changer le mot de passe de votre compte Logis. Pour en choisir un \
            nouveau, ouvrez ce lien :

            \(link)

            Ce lien est valable 30 minutes et ne sert qu’une fois. Une fois le mot de passe changé, \
            toutes les sessions ouvertes sur votre compte sont fermées.

            Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.

            \(signature)
            """
        return MessageText(
            template: "password-reset", subject: "Changer le mot de passe de votre compte Logis", body: body)
    }

    static func emailConfirmation(link: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            Un compte Logis vient d’être créé avec cette adresse e-mail. Pour le confirmer et pouvoir \
            vous connecter, ouvrez ce lien :

            \(link)

            Ce lien est valable 24 heures et ne sert qu’une fois. Passé ce délai, connectez-vous avec \
            votre adresse et votre mot de passe : un nouveau lien vous sera envoyé.

            Si vous n’avez pas créé de compte, ignorez ce message : sans confirmation, le compte ne \
            peut pas être utilisé.

            \(signature)
            """
        return MessageText(
            template: "email-confirmation", subject: "Confirmez l’adresse e-mail de votre compte Logis", body: body)
    }

    /// Sent instead of a confirmation when the address has an account already: the person who
    /// signed up is told nothing more than for a new address, the owner is told here.
    static func signUpAttempt(confirmed: Bool, resetLink: String, signInLink: String) -> MessageText {
        let advice =
            confirmed
            ? """
            Si c’est vous, vous avez déjà un compte : connectez-vous (\(signInLink)). Si vous avez \
            oublié votre mot de passe, choisissez-en un nouveau ici : \(resetLink)
            """
            : """
            Votre compte n’est pas encore confirmé. Si c’est vous, connectez-vous avec le mot de passe \
            choisi lors de votre première inscription (\(signInLink)) : un nouveau lien de confirmation \
            vous sera envoyé. Si vous l’avez oublié, choisissez-en un nouveau ici : \(resetLink)
            """
        let body = """
            Madame, Monsieur,

            Quelqu’un a tenté de créer un compte Logis avec votre adresse e-mail. Aucun nouveau compte \
            n’a été créé et votre compte n’a pas été modifié.

            \(advice)

            Si ce n’est pas vous, vous n’avez rien à faire : personne ne peut utiliser votre compte sans \
            votre mot de passe.

            \(signature)
            """
        return MessageText(
            template: "sign-up-attempt", subject: "Tentative d’inscription avec votre adresse e-mail", body: body)
    }
}
