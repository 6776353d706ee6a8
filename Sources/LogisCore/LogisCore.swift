/// LogisCore holds the rules of the French social-housing request as plain values and functions.
public enum LogisCore {
    public static let version = "0.1.0"
}
