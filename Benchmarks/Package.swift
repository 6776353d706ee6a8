// swift-tools-version: 6.1
// Benchmarks of LogisCore, kept in their own package so the main build never compiles them.
// Run: cd Benchmarks && swift package benchmark   (see README.md)
import PackageDescription

let package = Package(
    name: "LogisBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Logis", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LogisCoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LogisCore", package: "Logis"),
            ],
            path: "Benchmarks/LogisCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
