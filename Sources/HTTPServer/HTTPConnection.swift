import CEpoll
import Glibc

/// One client connection: reads and parses requests, hands one at a time to the worker
/// pool, writes each response in order, and enforces the timeouts. Every method runs on
/// its event loop's thread; nothing blocks there.
final class HTTPConnection: @unchecked Sendable {
    private enum State { case reading, processing, writing, lingering, closed }
    private enum AfterWrite { case keepReading, close }

    let remote: String
    /// Over the connection cap: answered 503 and closed.
    let rejected: Bool
    private let fd: Int32
    private let context: HTTPServerContext
    let loop: HTTPEventLoop
    private var parser: HTTPRequestParser
    private var state = State.reading
    /// The loop's id for this connection's descriptor, once registered.
    private var id: UInt64?
    /// Edge-triggered readiness: set by an event, cleared only by a call that came up short.
    private var readReady = false
    private var writeReady = true
    /// The peer hung up or the socket failed: reading again will say so.
    private var hangup = false
    /// Reading is wanted (the old "read source resumed"); off while a request is processed.
    private var readWanted = true
    /// A send came up short: flush when the socket becomes writable.
    private var writeWanted = false
    /// When the current state times out (uptime nanoseconds, `.max`: never); swept by the loop.
    private(set) var deadline = UInt64.max
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var afterWrite: AfterWrite?
    private var peerClosed = false
    private var continueSent = false
    /// The parser phase the reading deadline was computed for, and when it began.
    private var timedPhase: HTTPRequestParser.Phase?
    private var phaseStart: UInt64 = 0
    private var stateStart: UInt64 = 0
    /// When the first byte of the request now being read arrived, for the log's duration.
    private var requestStart: UInt64?
    /// Until the first byte arrives, a connection is held only for the header timeout.
    private var receivedAnyByte = false
    private var responsesWritten = 0
    /// Inline responses being finished on the stack right now (see `dispatch`).
    private var inlineDepth = 0

    init(fd: Int32, remote: String, rejected: Bool, context: HTTPServerContext, loop: HTTPEventLoop) {
        self.fd = fd
        self.loop = loop
        self.remote = remote
        self.rejected = rejected
        self.context = context
        parser = HTTPRequestParser(limits: context.configuration.parserLimits)
    }

    func start() {
        guard let id = loop.register(self, fd: fd) else {
            state = .closed
            _ = Glibc.close(fd)
            context.connectionClosed?(self)
            return
        }
        self.id = id
        event { connection in
            if connection.rejected {
                connection.fail(HTTPParseError(status: 503, detail: "too many connections; retry shortly"),
                                headers: HTTPHeaders([("Retry-After", "1")]))
            }
        }
    }

    /// Idle connections and half-sent heads close now; requests being read, run or
    /// written finish first and then close.
    func beginShutdown() {
        event { connection in
            if connection.state == .reading && connection.parser.phase != .body { connection.close() }
        }
    }

    func close() {
        guard state != .closed else { return }
        state = .closed
        deadline = .max
        if let id { loop.forget(id) }
        _ = Glibc.close(fd)
        // Give the buffers back now rather than whenever the last reference goes.
        loop.memory.released(parser.retainedBytes + output.capacity)
        parser = HTTPRequestParser(limits: context.configuration.parserLimits)
        output = []
        context.connectionClosed?(self)
    }

    /// Since when this connection has been waiting for the next request after a response,
    /// with nothing of it received; nil when it is doing anything else.
    var idleKeepAliveSince: UInt64? {
        guard state == .reading, responsesWritten > 0, !peerClosed, timedPhase == .idle,
              parser.bufferedByteCount == 0 else { return nil }
        return phaseStart
    }

    /// Runs one event, reads what the socket holds if reading is wanted, and then moves
    /// the deadline to match the new state.
    private func event(_ body: (HTTPConnection) -> Void) {
        guard state != .closed else { return }
        body(self)
        drive()
        if state != .closed { updateDeadline() }
    }

    /// Called by the loop with the epoll event flags for this descriptor.
    func ioEvent(_ flags: UInt32) {
        let failed = flags & (EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
        if failed { hangup = true }
        if failed || flags & EPOLLIN.rawValue != 0 { readReady = true }
        if failed || flags & EPOLLOUT.rawValue != 0 { writeReady = true }
        event { connection in
            if connection.writeWanted && connection.writeReady {
                connection.writeWanted = false
                connection.flush()
            }
        }
    }

    /// Edge-triggered, so no new event comes for bytes already waiting: read until the
    /// socket is drained or reading is no longer wanted. Past a few buffers the rest waits
    /// a turn, so one fast sender does not starve the loop's other connections.
    private func drive() {
        var rounds = 0
        while state != .closed && readWanted && readReady {
            if rounds == 16 {
                loop.execute { [self] in event { _ in } }
                return
            }
            rounds += 1
            readable()
        }
    }

    // MARK: Reading

    private func readable() {
        switch state {
        case .closed: return
        case .processing, .writing:
            suspendRead()
            return
        case .lingering, .reading:
            break
        }
        let buffer = loop.readBuffer
        let count = recv(fd, buffer.baseAddress, buffer.count, 0)
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK {
                readReady = false
            } else if errno != EINTR {
                close()
            }
            return
        }
        // A short read drained the socket: bytes arriving later raise a new edge. After a
        // hang-up the next read reports it, so keep reading then.
        if count < buffer.count && !hangup { readReady = false }
        if state == .lingering {
            if count == 0 { close() }  // drained: the client has seen the response
            return
        }
        if count == 0 {
            peerClosed = true
            suspendRead()
        } else {
            receivedAnyByte = true
            if requestStart == nil { requestStart = ConnectionTimer.now() }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        processBuffered()
    }

    private func processBuffered() {
        guard state == .reading else { return }
        switch parser.next() {
        case .request(let parsed):
            dispatch(parsed)
        case .failure(let error):
            fail(error)
        case .needMore:
            if peerClosed {
                // A request cut off by the client's close can never complete.
                if output.count == outputOffset { close() } else { afterWrite = .close }
            } else if parser.awaitingContinuedBody && !continueSent {
                continueSent = true
                write(HTTPResponseEncoder.continueResponse, then: nil)
            }
        }
    }

    // MARK: Responding

    private func dispatch(_ parsed: ParsedHTTPRequest) {
        state = .processing
        continueSent = false
        let now = ConnectionTimer.now()
        let start = requestStart ?? now
        // Bytes already buffered belong to the next (pipelined) request: it has started.
        requestStart = parser.bufferedByteCount > 0 ? now : nil
        var request = parsed.request
        request.remoteAddress = remote
        let context = self.context
        if let response = context.responder.respondInline(to: request) {
            // Answered here, with no hand-off. A pipelined burst of such requests would
            // recurse (finish, write, read the next); past a few, the next waits its turn.
            if inlineDepth < 8 {
                inlineDepth += 1
                finish(parsed, response, start: start)
                inlineDepth -= 1
            } else {
                suspendRead()
                loop.execute { self.event { $0.finish(parsed, response, start: start) } }
            }
            return
        }
        // The read source stays armed: a client that waits for its answer sends nothing
        // meanwhile, and one that does send is suspended by `readable` only then.
        let accepted = context.pool.submit { [request] in
            context.responder.respond(to: request) { response in
                self.loop.execute { self.event { $0.finish(parsed, response, start: start) } }
            }
        }
        if !accepted {
            let busy = HTTPResponse.problem(status: 503, detail: "server is busy; retry shortly",
                                            headers: HTTPHeaders([("Retry-After", "1")]))
            finish(parsed, busy, start: start)
        }
    }

    private func finish(_ parsed: ParsedHTTPRequest, _ response: HTTPResponse, start: UInt64) {
        guard state == .processing else { return }
        let responderCloses = response.headers.values("Connection")
            .flatMap(HTTPHeadParser.listElements).contains("close")
        // A client that half-closed after pipelining still gets every buffered request answered.
        let peerDone = peerClosed && parser.phase == .idle
        let closing = !parsed.keepAlive || context.shuttingDown || peerDone || responderCloses
        let header: HTTPResponseEncoder.ConnectionHeader = closing ? .close : (parsed.minorVersion == 0 ? .keepAlive : .none)
        let bytes = HTTPResponseEncoder.encode(response, date: loop.dates.current(),
                                               omitBody: parsed.request.method == "HEAD", connection: header)
        context.log(method: parsed.request.method, path: parsed.request.path, status: response.status,
                    since: start, remote: remote)
        state = .writing
        write(bytes, then: closing ? .close : .keepReading)
    }

    /// Answers an error the server found itself, then closes: the stream can't be trusted.
    private func fail(_ error: HTTPParseError, headers: HTTPHeaders = HTTPHeaders()) {
        suspendRead()
        var headers = headers
        if let allow = error.allow { headers.set("Allow", allow) }
        let response = HTTPResponse.problem(status: error.status, detail: error.detail, headers: headers)
        let bytes = HTTPResponseEncoder.encode(response, date: loop.dates.current(), omitBody: false, connection: .close)
        let line = parser.pendingRequestLine
        context.log(method: error.method ?? line?.method ?? "-", path: error.path ?? line?.path ?? "-",
                    status: error.status, since: requestStart ?? ConnectionTimer.now(), remote: remote)
        state = .writing
        write(bytes, then: .close)
    }

    // MARK: Writing

    private func write(_ bytes: [UInt8], then next: AfterWrite?) {
        if outputOffset == output.count {
            output = bytes
            outputOffset = 0
        } else {
            output.append(contentsOf: bytes)
        }
        if let next {
            afterWrite = next
            stateStart = ConnectionTimer.now()
        }
        flush()
    }

    /// Sends what is pending; the whole response usually leaves in this one `send`.
    private func flush() {
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                outputOffset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                writeReady = false
                writeWanted = true
                return
            } else {
                close()  // the peer is gone: EPIPE, ECONNRESET
                return
            }
        }
        output = []
        outputOffset = 0
        writeWanted = false
        if let next = afterWrite {
            afterWrite = nil
            written(next)
        }
    }

    private func written(_ next: AfterWrite) {
        responsesWritten += 1
        switch next {
        case .keepReading:
            state = .reading
            timedPhase = nil
            if context.shuttingDown && parser.phase != .body {
                close()
                return
            }
            resumeRead()
            processBuffered()
        case .close:
            if peerClosed {
                close()
                return
            }
            // Drain what the client still sends until it closes, so our close does not
            // reset the connection and destroy the response before the client reads it.
            shutdown(fd, Int32(SHUT_WR))
            state = .lingering
            stateStart = ConnectionTimer.now()
            resumeRead()
        }
    }

    // MARK: Deadlines

    private func updateDeadline() {
        let configuration = context.configuration
        let newDeadline: UInt64
        switch state {
        case .reading:
            let phase = parser.phase
            if phase != timedPhase {
                timedPhase = phase
                phaseStart = ConnectionTimer.now()
            }
            let seconds: Double
            switch phase {
            case .idle: seconds = receivedAnyByte ? configuration.idleTimeout : configuration.headerTimeout
            case .head: seconds = configuration.headerTimeout
            case .body: seconds = configuration.bodyTimeout
            }
            newDeadline = ConnectionTimer.after(seconds, from: phaseStart)
        case .writing:
            newDeadline = ConnectionTimer.after(configuration.writeTimeout, from: stateStart)
        case .lingering:
            newDeadline = ConnectionTimer.after(configuration.lingerTimeout, from: stateStart)
        case .processing, .closed:
            newDeadline = .max
        }
        deadline = newDeadline
    }

    /// Called by the loop's sweep once `deadline` has passed.
    func deadlineReached() {
        event { $0.deadlinePassed() }
    }

    private func deadlinePassed() {
        guard deadline <= ConnectionTimer.now() else { return }
        deadline = .max
        switch state {
        case .reading:
            let configuration = context.configuration
            switch timedPhase {
            case .head?:
                fail(HTTPParseError(status: 408, detail: "request head not received within \(configuration.headerTimeout) s"))
            case .body?:
                fail(HTTPParseError(status: 408, detail: "request body not received within \(configuration.bodyTimeout) s"))
            case .idle?, nil:
                close()  // keep-alive idle: close silently
            }
        case .writing, .lingering:
            close()
        case .processing, .closed:
            break
        }
    }

    // MARK: Reading wanted or not

    private func suspendRead() {
        readWanted = false
    }

    /// `drive` reads what is waiting once the current event returns.
    private func resumeRead() {
        guard !peerClosed else { return }  // a closed peer has nothing more to say
        readWanted = true
    }
}
