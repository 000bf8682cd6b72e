import Synchronization

/// Fixed slots that concurrent workers fill by index, read once all are done.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) { slots.withLock { $0[index] = value } }

    var values: [Value] { slots.withLock { $0.compactMap { $0 } } }
}
