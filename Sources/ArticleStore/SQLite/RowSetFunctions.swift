import CSQLite
import Foundation

/// Two SQL functions that let a statement test rows against a set it computes once:
///
/// - `row_set(rowid)`, an aggregate: the rowids it is given as a bitset (bit `n` of byte
///   `n / 8` set for rowid `n`), handed on as a pointer value (`sqlite3_result_pointer`);
/// - `in_row_set(set, rowid)`: 1 when the rowid is in the set, else 0.
///
/// A pointer, not a blob: SQLite copies a blob argument into the function's registers on
/// every call, and a walk that tests 10,000 rows against a 70 KB set spent 85% of its time
/// in that copy.
///
/// Why: a figure listing that walks the sort's index checks each row against the words of
/// `q`. `id IN (SELECT rowid FROM figures_fts WHERE …)` makes SQLite put every match into
/// a temporary B-tree first (about 0.5 µs a row: 50 ms for the 100k rows of a word in one
/// sentence in six), and FTS5 looks one rowid up in 0.2–0.4 ms, too slow to ask per row.
/// `in_row_set((SELECT row_set(rowid) FROM figures_fts WHERE …), f.id)` reads the matches
/// once into a bitset (the subquery is not correlated, so SQLite runs it once a statement)
/// and checks each walked row with one bit test.
///
/// Rowids must be in 0..<2³¹ (figure ids are consecutive from 1, so the set is about one
/// bit per figure); another rowid is an error, never an unbounded allocation.
enum RowSetFunctions {
    static let maximumRowID: Int64 = 1 << 31

    /// Registers both functions on a connection; false when SQLite refuses.
    static func register(_ db: OpaquePointer) -> Bool {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        return sqlite3_create_function_v2(db, "row_set", 1, flags, nil, nil, step, final, nil) == SQLITE_OK
            && sqlite3_create_function_v2(db, "in_row_set", 2, flags, nil, contains, nil, nil, nil) == SQLITE_OK
    }

    /// The aggregate's state, in memory SQLite zeroes and owns: a nil buffer and zero
    /// counts are the empty set.
    private struct Accumulator {
        var bytes: UnsafeMutablePointer<UInt8>?
        var count: Int
        var failed: Bool
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, argv in
        guard let raw = sqlite3_aggregate_context(context, Int32(MemoryLayout<Accumulator>.size)) else {
            sqlite3_result_error_nomem(context)
            return
        }
        let state = raw.assumingMemoryBound(to: Accumulator.self)
        guard !state.pointee.failed else { return }
        let rowid = sqlite3_value_int64(argv?[0])
        guard rowid >= 0, rowid < maximumRowID else {
            state.pointee.failed = true
            return
        }
        let index = Int(rowid >> 3)
        if index >= state.pointee.count {
            let count = max(index + 1, state.pointee.count * 2, 64)
            guard let grown = realloc(state.pointee.bytes, count)?.assumingMemoryBound(to: UInt8.self) else {
                state.pointee.failed = true
                return
            }
            (grown + state.pointee.count).initialize(repeating: 0, count: count - state.pointee.count)
            state.pointee.bytes = grown
            state.pointee.count = count
        }
        state.pointee.bytes![index] |= UInt8(1) << UInt8(rowid & 7)
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        // Zero bytes asked: nil when no row reached the aggregate (the empty set).
        let state = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: Accumulator.self)
        if let state, state.pointee.failed {
            free(state.pointee.bytes)
            state.pointee.bytes = nil
            sqlite3_result_error(context, "row_set: a rowid outside 0..<2^31, or out of memory", -1)
            return
        }
        // The set takes the buffer; SQLite releases the set when the statement is done with it.
        let set = Bits(bytes: state?.pointee.bytes, count: state?.pointee.count ?? 0)
        state?.pointee.bytes = nil
        sqlite3_result_pointer(context, Unmanaged.passRetained(set).toOpaque(), pointerType) {
            $0.map { Unmanaged<Bits>.fromOpaque($0).release() }
        }
    }

    /// The type name SQLite checks a pointer value against (it compares the address).
    nonisolated(unsafe) private static let pointerType: UnsafePointer<CChar> = UnsafePointer(strdup("article_entities.row_set")!)

    /// A finished set: owns the buffer the aggregate filled.
    private final class Bits {
        let bytes: UnsafeMutablePointer<UInt8>?
        let count: Int
        init(bytes: UnsafeMutablePointer<UInt8>?, count: Int) {
            self.bytes = bytes
            self.count = count
        }
        deinit { free(bytes) }
    }

    private static let contains: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, argv in
        // Nil for anything but a set made by `row_set` (SQLite checks the type name).
        guard let pointer = sqlite3_value_pointer(argv?[0], pointerType) else {
            sqlite3_result_error(context, "in_row_set: the first argument is not a row_set", -1)
            return
        }
        let set = Unmanaged<Bits>.fromOpaque(pointer).takeUnretainedValue()
        let rowid = sqlite3_value_int64(argv?[1])
        var hit = false
        if let bytes = set.bytes, rowid >= 0, rowid >> 3 < set.count {
            hit = bytes[Int(rowid >> 3)] & (UInt8(1) << UInt8(rowid & 7)) != 0
        }
        sqlite3_result_int(context, hit ? 1 : 0)
    }
}
