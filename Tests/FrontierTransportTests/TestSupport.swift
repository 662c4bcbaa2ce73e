import Foundation
@testable import FrontierTransport

/// Creates a socket whose blocking receives give up after `timeout`, so a
/// broken test fails with `.wouldBlock` instead of hanging the suite.
func makeSocket(_ kind: ZMQSocketKind, in context: ZMQContext, timeout: Duration = .seconds(5)) throws -> ZMQSocket {
    let socket = try context.socket(kind)
    try socket.set(.receiveTimeout, timeout)
    try socket.set(.sendTimeout, timeout)
    return socket
}

/// Whether `body` throws a `ZMQError` with `code`.
func throwsZMQ(_ code: ZMQError.Code, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as ZMQError {
        return error.code == code
    } catch {
        return false
    }
}

extension Data {
    /// The frame as UTF-8 text, for readable expectations.
    var text: String { String(decoding: self, as: UTF8.self) }
}
