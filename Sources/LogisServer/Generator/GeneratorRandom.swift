import Foundation

/// SplitMix64 started from (seed, stream, index): every generated row draws from its own
/// sequence, so row `i` is the same whichever batch writes it — a resumed run, a run cut
/// into other batch sizes and a fresh one give identical data for the same seed.
struct GeneratorRandom: SplitMix64 {
    var state: UInt64

    enum Stream: UInt64 {
        case request = 1
        case dwelling = 2
        case residence = 3
        case territory = 4
    }

    init(seed: UInt64, stream: Stream, index: Int) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream.rawValue << 56) ^ UInt64(index)
        // Two rounds so neighbouring indexes do not start on neighbouring states.
        _ = next()
        state ^= next()
    }

    mutating func chance(_ percent: Double) -> Bool { Double(next() % 1_000_000) < percent * 10_000 }

    /// A uniform value in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// An index in `0..<count` drawn with weight 1/(k+1): the first few are asked for far more
    /// often than the rest, as the centres of an agglomeration are.
    mutating func zipf(_ count: Int, harmonic: Double) -> Int {
        var target = unit() * harmonic
        for k in 0..<count {
            target -= 1 / Double(k + 1)
            if target <= 0 { return k }
        }
        return count - 1
    }

    static func harmonic(_ count: Int) -> Double { (1...max(1, count)).reduce(0) { $0 + 1 / Double($1) } }

    /// A UUID fixed by (seed, stream, index), version 4 layout so it reads as any other id.
    static func uuid(seed: UInt64, stream: Stream, index: Int, part: Int = 0) -> UUID {
        var random = GeneratorRandom(seed: seed ^ UInt64(part) << 40, stream: stream, index: index)
        let high = random.next()
        let low = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
