/// The Latin standard Type 1 fonts every PDF reader provides (no embedding needed), always used
/// with `/Encoding /WinAnsiEncoding`. Symbol and ZapfDingbats, the two remaining standard fonts,
/// have their own built-in encodings and are not offered.
///
/// Glyph widths used for measuring text:
/// - Helvetica and Helvetica-Bold: the Adobe AFM advance widths for WinAnsi codes 32–255 (exact).
///   Helvetica-Oblique and Helvetica-BoldOblique have the same widths as their upright faces (exact).
/// - Courier (all four faces): 600 units for every glyph — Courier is monospaced (exact).
/// - Times (all four faces): **approximated** with the Helvetica widths of the same weight. Times is
///   mostly narrower than Helvetica, so wrapped Times lines are usually a little shorter than they
///   could be; a line of wide capitals (M, Œ…) may exceed its width by a few per cent.
public enum PDFStandardFont: String, Sendable, CaseIterable, Hashable {
    case helvetica = "Helvetica"
    case helveticaBold = "Helvetica-Bold"
    case helveticaOblique = "Helvetica-Oblique"
    case helveticaBoldOblique = "Helvetica-BoldOblique"
    case timesRoman = "Times-Roman"
    case timesBold = "Times-Bold"
    case timesItalic = "Times-Italic"
    case timesBoldItalic = "Times-BoldItalic"
    case courier = "Courier"
    case courierBold = "Courier-Bold"
    case courierOblique = "Courier-Oblique"
    case courierBoldOblique = "Courier-BoldOblique"

    /// The PostScript name written as `/BaseFont`.
    public var postScriptName: String { rawValue }

    /// The bold face of the same family (bold faces return themselves).
    public var bold: PDFStandardFont {
        switch self {
        case .helvetica, .helveticaBold: .helveticaBold
        case .helveticaOblique, .helveticaBoldOblique: .helveticaBoldOblique
        case .timesRoman, .timesBold: .timesBold
        case .timesItalic, .timesBoldItalic: .timesBoldItalic
        case .courier, .courierBold: .courierBold
        case .courierOblique, .courierBoldOblique: .courierBoldOblique
        }
    }

    /// The italic/oblique face of the same family and weight.
    public var italic: PDFStandardFont {
        switch self {
        case .helvetica, .helveticaOblique: .helveticaOblique
        case .helveticaBold, .helveticaBoldOblique: .helveticaBoldOblique
        case .timesRoman, .timesItalic: .timesItalic
        case .timesBold, .timesBoldItalic: .timesBoldItalic
        case .courier, .courierOblique: .courierOblique
        case .courierBold, .courierBoldOblique: .courierBoldOblique
        }
    }

    /// Whether `width(ofCode:)` is the font's real metric rather than an approximation.
    public var hasExactMetrics: Bool {
        switch self {
        case .timesRoman, .timesBold, .timesItalic, .timesBoldItalic: false
        default: true
        }
    }

    /// Advance width of one WinAnsi code, in thousandths of the font size (glyph space units).
    /// Codes below 32 have no glyph and measure 0.
    public func width(ofCode code: UInt8) -> Int {
        guard code >= 32 else { return 0 }
        switch self {
        case .courier, .courierBold, .courierOblique, .courierBoldOblique:
            return 600
        case .helvetica, .helveticaOblique, .timesRoman, .timesItalic:
            return Int(FontMetrics.helvetica[Int(code) - 32])
        case .helveticaBold, .helveticaBoldOblique, .timesBold, .timesBoldItalic:
            return Int(FontMetrics.helveticaBold[Int(code) - 32])
        }
    }

    /// Width in points of already encoded WinAnsi bytes at the given size.
    public func width(ofCodes codes: some Sequence<UInt8>, size: Double) -> Double {
        var units = 0
        for code in codes { units += width(ofCode: code) }
        return Double(units) * size / 1000
    }

    /// Width in points of a string set in this font at the given size, as it will be written
    /// (WinAnsi-encoded, unmappable characters measured as `?`). No kerning is applied by the writer.
    public func width(of string: String, size: Double) -> Double {
        width(ofCodes: WinAnsiEncoding.encode(string), size: size)
    }
}

/// Adobe Font Metrics advance widths, indexed by WinAnsi code − 32 (codes 32…255).
/// The undefined CP1252 codes (127, 129, 141, 143, 144, 157) are given the bullet width 350, which is
/// how readers show them; the encoder never produces them.
enum FontMetrics {
    static let helvetica: [UInt16] = [
        // 32–47: space ! " # $ % & ' ( ) * + , - . /
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        // 48–63: 0–9 : ; < = > ?
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        // 64–79: @ A–O
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        // 80–95: P–Z [ \ ] ^ _
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        // 96–111: ` a–o
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        // 112–127: p–z { | } ~ (127 undefined)
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
        // 128–143: € (129) ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ (141) Ž (143)
        556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
        // 144–159: (144) ‘ ’ “ ” • – — ˜ ™ š › œ (157) ž Ÿ
        350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,
        // 160–175: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ soft-hyphen ® ¯
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        // 176–191: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        // 192–207: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        // 208–223: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        // 224–239: à á â ã ä å æ ç è é ê ë ì í î ï
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
        // 240–255: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ]

    static let helveticaBold: [UInt16] = [
        // 32–47: space ! " # $ % & ' ( ) * + , - . /
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        // 48–63: 0–9 : ; < = > ?
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        // 64–79: @ A–O
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        // 80–95: P–Z [ \ ] ^ _
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        // 96–111: ` a–o
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        // 112–127: p–z { | } ~ (127 undefined)
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
        // 128–143: € (129) ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ (141) Ž (143)
        556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
        // 144–159: (144) ‘ ’ “ ” • – — ˜ ™ š › œ (157) ž Ÿ
        350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,
        // 160–175: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ soft-hyphen ® ¯
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        // 176–191: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        // 192–207: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        // 208–223: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        // 224–239: à á â ã ä å æ ç è é ê ë ì í î ï
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
        // 240–255: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
    ]
}
