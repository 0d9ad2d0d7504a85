import Dispatch

/// A read or write source on a connection's descriptor, with its suspension tracked:
/// Dispatch traps on an unbalanced resume, and a suspended source never runs its cancel
/// handler, which is where the descriptor gets closed.
final class SuspendableSource {
    private let source: any DispatchSourceProtocol
    private(set) var isSuspended = false

    /// Activates `source`; `closer` closes the descriptor once every source is cancelled.
    init(_ source: any DispatchSourceProtocol, closer: DescriptorCloser, handler: @escaping () -> Void) {
        self.source = source
        closer.retain()
        source.setEventHandler(handler: handler)
        source.setCancelHandler { closer.release() }
        source.activate()
    }

    func suspend() {
        guard !isSuspended else { return }
        source.suspend()
        isSuspended = true
    }

    func resume() {
        guard isSuspended else { return }
        source.resume()
        isSuspended = false
    }

    func cancel() {
        resume()
        source.cancel()
    }
}
