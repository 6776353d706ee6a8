import LogisCore

public enum RulesCommandLine {
    public static func run(_ arguments: [String]) -> Int32 { 0 }
}
