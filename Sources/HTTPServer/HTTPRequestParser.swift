/// An incremental HTTP/1.1 request parser: pure code over bytes, no I/O.
/// Feed it bytes with `append`, then call `next()` until it answers `.needMore`.
/// Pipelined requests come out one per `next()`, in order; after an error it stays failed.
struct HTTPRequestParser {
    enum Phase: Equatable {
        /// Nothing of the next request has arrived.
        case idle
        /// Part of a request head has arrived.
        case head
        /// The head is complete and the body is still arriving.
        case body
    }

    enum Result {
        case needMore
        case request(ParsedHTTPRequest)
        case failure(HTTPParseError)
    }

    private enum ChunkState {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers(bytesSeen: Int)
    }

    private struct Pending {
        var head: HTTPRequestHead
        var body: [UInt8] = []
        var chunk: ChunkState = .size
    }

    /// A chunk-size line longer than this is not a real client.
    private static let maxChunkLineBytes = 4096

    let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes after `start` already scanned, and where the current head line begins; kept
    /// so a head arriving byte by byte is scanned once.
    private var headScanned = 0
    private var headLineStart = 0
    private var head: HTTPHeadReader
    private var pending: Pending?
    private var failure: HTTPParseError?

    /// An idle connection keeps at most this much buffer capacity between requests.
    static let retainedCapacity = 16_384

    init(limits: HTTPParserLimits) {
        self.limits = limits
        head = HTTPHeadReader(limits: limits)
    }

    var phase: Phase {
        if pending != nil { return .body }
        var index = start
        // Blank lines before a request line are ignored (RFC 9112 §2.2), so they are idle.
        while index < buffer.count, buffer[index] == 0x0D || buffer[index] == 0x0A { index += 1 }
        return index < buffer.count ? .head : .idle
    }

    /// True while waiting for the body of a request that sent `Expect: 100-continue`.
    var awaitingContinuedBody: Bool { pending?.head.expectsContinue ?? false }

    /// Method and path of the request whose body is being read, for logging its errors.
    var pendingRequestLine: (method: String, path: String)? {
        pending.map { ($0.head.method, $0.head.path) }
    }

    /// Bytes received but not yet consumed by a request.
    var bufferedByteCount: Int { buffer.count - start }

    /// Heap capacity held by this parser's buffers (for tests of what idle connections keep).
    var retainedBytes: Int { buffer.capacity + (pending?.body.capacity ?? 0) }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func next() -> Result {
        if let failure { return .failure(failure) }
        let result = step()
        if case .failure(let error) = result { failure = error }
        return result
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.retainedCapacity)
            start = 0
        } else if start > 65_536 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    private mutating func step() -> Result {
        if pending == nil {
            skipBlankLines()
            guard start < buffer.count else { return .needMore }
            switch readHead() {
            case .failure(let error): return .failure(error)
            case .success(nil): return .needMore
            case .success(let complete?):
                var newPending = Pending(head: complete)
                // Reserve what a body may need only as it arrives: a stalled client then holds little.
                if case .length(let length) = complete.framing { newPending.body.reserveCapacity(min(length, 65_536)) }
                pending = newPending
            }
        }
        return readBody()
    }

    /// Blank lines before a request line are ignored (RFC 9112 §2.2), CRLF or LF alike.
    private mutating func skipBlankLines() {
        guard headScanned == 0 else { return }
        while start < buffer.count {
            if buffer[start] == 0x0A {
                start += 1
            } else if buffer[start] == 0x0D, start + 1 < buffer.count, buffer[start + 1] == 0x0A {
                start += 2
            } else {
                return
            }
        }
    }

    /// Hands each complete head line to the head reader; a line must end in CRLF, since
    /// a bare LF or CR is read differently by other parsers and lets requests be smuggled.
    private mutating func readHead() -> Swift.Result<HTTPRequestHead?, HTTPParseError> {
        var index = start + headScanned
        while index < buffer.count {
            // Limits first, by position alone, so how the bytes were split never changes the answer.
            if !head.hasRequestLine && index - start > maxRequestLineBytes { return .failure(uriTooLong) }
            if index + 1 - start > limits.maxHeaderBytes { return .failure(headerTooLarge) }
            let byte = buffer[index]
            let lineStart = start + headLineStart
            if index > lineStart && buffer[index - 1] == 0x0D && byte != 0x0A {
                return .failure(head.annotated(.badRequest("bare CR in request head")))
            }
            if byte == 0x0A {
                guard index > lineStart, buffer[index - 1] == 0x0D else {
                    return .failure(head.annotated(.badRequest("bare LF in request head")))
                }
                let line = buffer[lineStart..<(index - 1)]
                if line.isEmpty && !head.hasRequestLine {
                    // A blank line whose CR and LF came in different reads.
                    start = index + 1
                    headScanned = 0
                    headLineStart = 0
                    skipBlankLines()
                    index = start
                    continue
                }
                switch head.read(line) {
                case .failure(let error): return .failure(error)
                case .success(.complete(let complete)):
                    start = index + 1
                    headScanned = 0
                    headLineStart = 0
                    head = HTTPHeadReader(limits: limits)
                    return .success(complete)
                case .success(.needMoreLines):
                    headLineStart = index + 1 - start
                }
            } else if index == lineStart && head.hasRequestLine && (byte == 0x20 || byte == 0x09) {
                return .failure(head.annotated(.badRequest("obsolete line folding is not accepted")))
            }
            index += 1
        }
        headScanned = index - start
        return .success(nil)
    }

    /// A request line this long cannot hold a target within the limit (method, spaces and
    /// version take well under 64 bytes); refusing it early keeps the answer 414, not 431.
    private var maxRequestLineBytes: Int { limits.maxURIBytes + 64 }

    private var uriTooLong: HTTPParseError {
        HTTPParseError(status: 414, detail: "request target longer than \(limits.maxURIBytes) bytes")
    }

    private var headerTooLarge: HTTPParseError {
        HTTPParseError(status: 431, detail: "request head larger than \(limits.maxHeaderBytes) bytes")
    }

    private var bodyTooLarge: HTTPParseError {
        HTTPParseError(status: 413, detail: "request body larger than \(limits.maxBodyBytes) bytes")
    }

    private mutating func readBody() -> Result {
        guard var current = pending else { return .needMore }
        pending = nil  // keep the body uniquely referenced while it grows
        switch current.head.framing {
        case .length(let length):
            let take = min(length - current.body.count, buffer.count - start)
            current.body.append(contentsOf: buffer[start..<(start + take)])
            start += take
            if current.body.count == length { return complete(current) }
            pending = current
            return .needMore
        case .chunked:
            switch readChunked(&current) {
            case .needMore:
                pending = current
                return .needMore
            case .failure(let error):
                pending = current  // kept so the error can be logged against its request
                return .failure(error)
            case .done:
                return complete(current)
            }
        }
    }

    private func complete(_ current: Pending) -> Result {
        let head = current.head
        var request = HTTPRequest(method: head.method, target: head.target, headers: head.headers, body: current.body)
        request.path = head.path
        request.queryItems = head.queryItems
        return .request(ParsedHTTPRequest(request: request, keepAlive: head.keepAlive, minorVersion: head.minorVersion))
    }

    private enum ChunkProgress {
        case needMore
        case done
        case failure(HTTPParseError)
    }

    private mutating func readChunked(_ current: inout Pending) -> ChunkProgress {
        while true {
            switch current.chunk {
            case .size:
                guard let line = takeCRLFLine(limit: Self.maxChunkLineBytes) else { return .needMore }
                switch line {
                case .failure(let error): return .failure(error)
                case .success(let bytes):
                    switch parseChunkSize(bytes, alreadyRead: current.body.count) {
                    case .failure(let error): return .failure(error)
                    case .success(0): current.chunk = .trailers(bytesSeen: 0)
                    case .success(let size): current.chunk = .data(remaining: size)
                    }
                }
            case .data(let remaining):
                let take = min(remaining, buffer.count - start)
                guard take > 0 else { return .needMore }
                current.body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                current.chunk = take == remaining ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                guard buffer.count - start >= 2 else { return .needMore }
                guard buffer[start] == 0x0D, buffer[start + 1] == 0x0A else {
                    return .failure(.badRequest("chunk data not followed by CRLF"))
                }
                start += 2
                current.chunk = .size
            case .trailers(let seen):
                let room = limits.maxHeaderBytes - seen
                guard let line = takeCRLFLine(limit: max(room, 0)) else { return .needMore }
                switch line {
                case .failure(let error):
                    return .failure(error.status == 400 && room < Self.maxChunkLineBytes ? headerTooLarge : error)
                case .success(let bytes):
                    if bytes.isEmpty { return .done }
                    // Trailer fields are checked for syntax but not merged into the headers.
                    if case .failure(let error) = HTTPHeadParser.parseField(bytes) { return .failure(error) }
                    current.chunk = .trailers(bytesSeen: seen + bytes.count + 2)
                }
            }
        }
    }

    /// The next CRLF-terminated line without its CRLF; nil if incomplete. Chunk framing
    /// demands CRLF: a bare LF here is how parsers get desynchronised.
    private mutating func takeCRLFLine(limit: Int) -> Swift.Result<ArraySlice<UInt8>, HTTPParseError>? {
        let end = min(buffer.count, start + limit + 2)
        var index = start
        while index < end {
            if buffer[index] == 0x0A {
                guard index > start, buffer[index - 1] == 0x0D else {
                    return .failure(.badRequest("chunked framing line not terminated by CRLF"))
                }
                let line = buffer[start..<(index - 1)]
                start = index + 1
                if line.contains(0x0D) { return .failure(.badRequest("bare CR in chunked framing")) }
                return .success(line)
            }
            index += 1
        }
        if end - start >= limit + 2 { return .failure(.badRequest("chunk framing line too long")) }
        return nil
    }

    private func parseChunkSize(_ line: ArraySlice<UInt8>, alreadyRead: Int) -> Swift.Result<Int, HTTPParseError> {
        HTTPChunkSizeLine.parse(line).flatMap { size in
            size > limits.maxBodyBytes - alreadyRead ? .failure(bodyTooLarge) : .success(size)
        }
    }
}
