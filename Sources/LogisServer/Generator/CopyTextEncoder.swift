import Foundation
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by tabs, rows
/// ended by a newline, `\N` for NULL, and in a value a backslash, tab, newline or carriage
/// return written as its backslash escape (any other byte, UTF-8 included, is taken as it is).
/// Each value is written as its column type's input function reads it, so that the rows are the
/// ones the INSERT binds of the same values would have written.
struct CopyTextEncoder {
    private(set) var buffer: ByteBuffer
    private(set) var rows = 0
    private var fieldsInRow = 0
    // The encoder PostgresKit's default encoding context uses for a bound Codable value (jsonb).
    private let jsonEncoder = JSONEncoder()

    init(capacity: Int = 64 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func row(_ values: [any CopyTextValue]) throws {
        for value in values { try value.write(to: &self) }
        endRow()
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
        rows += 1
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// jsonb: its JSON text, escaped like any text (a `\n` inside a JSON string is a backslash).
    mutating func json(_ value: some Encodable) throws {
        let data = try jsonEncoder.encode(value)
        text(String(decoding: data, as: UTF8.self))
    }

    mutating func integer(_ value: some FixedWidthInteger) {
        separate()
        buffer.writeString(String(value))
    }

    mutating func bool(_ value: Bool) {
        separate()
        buffer.writeInteger(UInt8(ascii: value ? "t" : "f"))
    }

    mutating func uuid(_ value: UUID) {
        separate()
        buffer.writeString(value.uuidString)
    }

    /// timestamptz in UTC to the microsecond, truncated as postgres-nio truncates a bound `Date`.
    mutating func timestamp(_ value: Date) {
        separate()
        let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)
        let sincePostgresEpoch = Int64(value.timeIntervalSince(postgresEpoch) * 1_000_000)
        let (seconds, micros) = (sincePostgresEpoch + 946_684_800_000_000).floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = Self.civil(daysSince1970: days)
        var text = Self.padded(year > 0 ? year : 1 - year, 4) + "-" + Self.padded(month, 2) + "-"
        text += Self.padded(day, 2) + " " + Self.padded(secondOfDay / 3_600, 2) + ":"
        text += Self.padded(secondOfDay / 60 % 60, 2) + ":" + Self.padded(secondOfDay % 60, 2) + "."
        text += Self.padded(micros, 6) + "+00" + (year > 0 ? "" : " BC")
        buffer.writeString(text)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Proleptic Gregorian (year, month, day) of a day count from 1970-01-01; year 0 is 1 BC.
    /// (H. Hinnant's `civil_from_days`, on 400-year eras of 146,097 days.)
    private static func civil(daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let (era, dayOfEra) = (daysSince1970 + 719_468).floorDivided(by: 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension Int64 {
    /// Quotient rounded down and a remainder in `0..<divisor`, also for a negative value.
    fileprivate func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let remainder = self % divisor
        return remainder < 0 ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
    }
}

/// A value of a generated row: bound as is by SQLite's INSERTs, written by COPY on PostgreSQL.
protocol CopyTextValue: Encodable, Sendable {
    func write(to encoder: inout CopyTextEncoder) throws
}

extension String: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.text(self) }
}

extension Int: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.integer(self) }
}

extension Int64: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.integer(self) }
}

extension Bool: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.bool(self) }
}

extension UUID: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.uuid(self) }
}

extension Date: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.timestamp(self) }
}

extension Optional: CopyTextValue where Wrapped: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) throws {
        guard let value = self else { return encoder.null() }
        try value.write(to: &encoder)
    }
}
