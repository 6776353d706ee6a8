import Benchmark
import LogisCore

/// Throughput of the rules the server runs most: eligibility, cotation (nightly batch of all
/// live requests) and pre-selection of a vacancy. Figures and how to read them: ../../README.md.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    Benchmark("Eligibility: evaluate one query (report with explanation)", configuration: .init(scalingFactor: .kilo)) {
        benchmark in
        let catalog = CeilingsCatalog.bundled
        let queries = Fixtures.eligibilityQueries
        for iteration in benchmark.scaledIterations {
            blackHole(try? catalog.evaluate(queries[iteration % queries.count]))
        }
    }

    Benchmark(
        "Cotation: total score of 100 000 requests (Petite Camargue grid)", configuration: .init(maxIterations: 50)
    ) {
        benchmark in
        let grid = Fixtures.petiteCamargue
        let facts = Fixtures.cotationFacts
        benchmark.startMeasurement()
        var sum = 0
        for request in facts { sum &+= grid.total(request) }
        blackHole(sum)
    }

    Benchmark("Cotation: score with breakdown of 10 000 requests", configuration: .init(maxIterations: 50)) {
        benchmark in
        let grid = Fixtures.petiteCamargue
        let facts = Fixtures.cotationFacts.prefix(10_000)
        benchmark.startMeasurement()
        for request in facts { blackHole(grid.score(request)) }
    }

    Benchmark("Pre-selection: rank 10 000 candidates for one dwelling", configuration: .init(maxIterations: 200)) {
        benchmark in
        let candidates = Fixtures.candidates
        benchmark.startMeasurement()
        blackHole(Preselection.rank(candidates, for: Fixtures.dwelling))
    }
}
