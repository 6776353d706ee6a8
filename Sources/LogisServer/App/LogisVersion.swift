/// The product version shown by `/healthz` and the page footer.
public enum LogisVersion {
    public static let current = "0.1.0"
}
