import Foundation

/// Reads a file or standard input line by line in large chunks, so bulk input streams
/// through in constant memory.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    /// `path` nil or "-" reads standard input.
    init(path: String?) throws {
        if let path, path != "-" {
            guard let h = FileHandle(forReadingAtPath: path) else { throw UsageError("cannot open \(path)") }
            handle = h
        } else {
            handle = FileHandle.standardInput
        }
    }

    /// The next line without its terminator (a trailing `\r` is dropped too), nil at the end.
    mutating func next() -> [UInt8]? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                position = nl + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// Everything that is left, as one buffer.
    mutating func readAll() -> [UInt8] {
        var all = Array(buffer[position...])
        all.append(contentsOf: handle.readDataToEndOfFile())
        buffer = []
        position = 0
        atEnd = true
        return all
    }
}

/// Buffered standard output: one write per 64 KiB instead of one per line.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
