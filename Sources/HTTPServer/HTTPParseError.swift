/// Why bytes could not be read as a request, as the status and problem detail to answer with.
struct HTTPParseError: Error, Equatable, Sendable {
    let status: Int
    let detail: String
    /// The request line's method and path when it was read, for the access log.
    var method: String?
    var path: String?
    /// For a 405: the `Allow` header to send with it.
    var allow: String?

    init(status: Int, detail: String) {
        self.status = status
        self.detail = detail
    }

    static func badRequest(_ detail: String) -> HTTPParseError { HTTPParseError(status: 400, detail: detail) }

    func with(method: String, path: String) -> HTTPParseError {
        var copy = self
        copy.method = method
        copy.path = path
        return copy
    }
}

/// The limits the parser enforces while reading.
struct HTTPParserLimits: Sendable {
    var maxBodyBytes: Int
    var maxHeaderBytes: Int
    var maxURIBytes: Int
    var maxHeaderCount: Int = 128
    /// Methods passed to the responder; any other is answered 501 before the head is read.
    var implementedMethods: [String] = HTTPServerConfiguration.standardMethods
}
