// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Logis",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "logis", targets: ["logis"]),
        .library(name: "LogisCore", targets: ["LogisCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Only the mail tests use these two, to make a throwaway certificate authority for STARTTLS.
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // Pure rules: no Vapor, no Fluent, no I/O beyond its bundled data files.
        .target(
            name: "LogisCore",
            resources: [.copy("Resources/ceilings"), .copy("Resources/grids")]
        ),
        // The `logis rules …` command line, kept apart from the server so it prints clean JSON.
        .target(name: "LogisRulesCLI", dependencies: ["LogisCore"]),
        // A small PDF writer (standard fonts, WinAnsi) for the attestation and letters.
        .target(name: "LogisPDF"),
        .target(
            name: "LogisServer",
            dependencies: [
                "LogisCore",
                "LogisPDF",
                "LogisMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                // Uploads are received to disk (already built for Vapor).
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),
        // A small SMTP client (STARTTLS, AUTH, typed permanent/transient errors) for the outbox.
        .target(
            name: "LogisMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(name: "logis", dependencies: ["LogisServer", "LogisRulesCLI"]),
        .testTarget(name: "LogisCoreTests", dependencies: ["LogisCore", "LogisRulesCLI"]),
        .testTarget(name: "LogisPDFTests", dependencies: ["LogisPDF"]),
        .testTarget(
            name: "LogisMailTests",
            dependencies: [
                "LogisMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "LogisServerTests",
            dependencies: [
                "LogisServer",
                "LogisMail",
                "LogisRulesCLI",
                .product(name: "XCTVapor", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
