public enum LogisCore {
    public static let version = "0.1.0"
}
