import Foundation

/// A `multipart/form-data` body as a browser sends it: text fields, then one file.
enum Multipart {
    static let boundary = "logis-test-boundary"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    static func body(fields: [String: String], file: (name: String, filename: String, data: Data)) -> Data {
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return body
    }
}
