/// A point in PDF user space: 1 unit = 1/72 inch, origin at the bottom-left corner of the page, y upwards.
public struct PDFPoint: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A width and a height in points.
public struct PDFSize: Sendable, Equatable, Hashable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4 portrait, rounded to whole points (210 × 297 mm ≈ 595 × 842 pt).
    public static let a4 = PDFSize(width: 595, height: 842)
}

/// A rectangle in PDF user space; `origin` is its bottom-left corner.
public struct PDFRect: Sendable, Equatable, Hashable {
    public var origin: PDFPoint
    public var size: PDFSize

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.origin = PDFPoint(x: x, y: y)
        self.size = PDFSize(width: width, height: height)
    }
}

/// A device colour: a grey level or an RGB triple, each component in 0…1 (clamped when written).
public enum PDFColor: Sendable, Equatable, Hashable {
    /// 0 is black, 1 is white.
    case gray(Double)
    case rgb(red: Double, green: Double, blue: Double)

    public static let black = PDFColor.gray(0)
    public static let white = PDFColor.gray(1)

    /// Builds an RGB colour from 0…255 components, e.g. `PDFColor.rgb255(0, 85, 164)`.
    public static func rgb255(_ red: Int, _ green: Int, _ blue: Int) -> PDFColor {
        .rgb(red: Double(red) / 255, green: Double(green) / 255, blue: Double(blue) / 255)
    }
}

/// Page margins in points, measured from each edge.
public struct PDFMargins: Sendable, Equatable, Hashable {
    public var top: Double
    public var left: Double
    public var bottom: Double
    public var right: Double

    public init(top: Double, left: Double, bottom: Double, right: Double) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }

    /// The same margin on every side.
    public init(all value: Double) {
        self.init(top: value, left: value, bottom: value, right: value)
    }

    /// 20 mm (≈ 57 pt) on every side.
    public static let standard = PDFMargins(all: 57)
}
