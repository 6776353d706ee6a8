extension LogisError {
    /// An error as a code for logs and stored error columns: a LogisError's code, otherwise the
    /// type's name (an error's message could quote a name or an address).
    static func code(of error: any Error) -> String {
        if let logis = error as? LogisError { return logis.code }
        return String(describing: type(of: error))
    }
}
