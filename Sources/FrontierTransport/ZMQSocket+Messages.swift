import CZeroMQ
import Foundation

// Multipart messages. A ZeroMQ message is one or more frames delivered
// atomically: a receiver gets all of them or none.
extension ZMQSocket {
    /// Sends `frames` as one multipart message.
    ///
    /// Frames may be empty (a ROUTER envelope's delimiter is an empty frame).
    /// A ROUTER takes the first frame as the routing id of the peer to send to.
    /// With `dontWait`, a message that cannot be queued right away (high-water
    /// mark reached, or no peer for a DEALER) throws `.wouldBlock` instead of
    /// blocking; the same happens when `sendTimeout` expires.
    ///
    /// - Precondition: `frames` is not empty.
    public func send<Frame: ContiguousBytes>(_ frames: [Frame], dontWait: Bool = false) throws(ZMQError) {
        precondition(!frames.isEmpty, "ZMQSocket.send: a message needs at least one frame")
        let handle = try openHandle("send")
        let baseFlags = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? baseFlags | ZMQ_SNDMORE : baseFlags
            var message = zmq_msg_t()
            frame.withUnsafeBytes { bytes in
                // zmq_msg_init_size only fails on out-of-memory, which libzmq itself asserts on.
                zmq_msg_init_size(&message, bytes.count)
                if let source = bytes.baseAddress, bytes.count > 0 {
                    zmq_msg_data(&message).copyMemory(from: source, byteCount: bytes.count)
                }
            }
            do {
                // On success libzmq owns the message; on failure it is untouched.
                try zmqCall("send \(kind) frame \(index + 1) of \(frames.count)") {
                    zmq_msg_send(&message, handle, flags)
                }
            } catch {
                zmq_msg_close(&message)
                throw error
            }
        }
    }

    /// Sends one single-frame message.
    public func send<Frame: ContiguousBytes>(_ frame: Frame, dontWait: Bool = false) throws(ZMQError) {
        try send([frame], dontWait: dontWait)
    }

    /// Waits for the next message and returns all its frames.
    ///
    /// Throws `.wouldBlock` if `receiveTimeout` is set and expires, and
    /// `.contextTerminated` if the context is shut down meanwhile.
    public func receive() throws(ZMQError) -> [Data] {
        guard let frames = try receive(flags: 0) else {
            throw ZMQError(errno: EAGAIN, operation: "receive")
        }
        return frames
    }

    /// Returns the next message if one is already queued, else nil; never blocks.
    public func tryReceive() throws(ZMQError) -> [Data]? {
        try receive(flags: ZMQ_DONTWAIT)
    }

    /// Like `tryReceive()`, with the value of one metadata property of the message's
    /// connection (ZMQ RFC 27's "User-Id", which a ZAP handler sets, or "Peer-Address"),
    /// nil when the connection has no such property.
    public func tryReceive(property: String) throws(ZMQError) -> (frames: [Data], property: String?)? {
        var value: String?
        guard let frames = try receive(flags: ZMQ_DONTWAIT, reading: property, into: &value) else { return nil }
        return (frames, value)
    }

    /// Receives one message; nil when the first frame is not available (EAGAIN).
    private func receive(flags: Int32) throws(ZMQError) -> [Data]? {
        var unused: String?
        return try receive(flags: flags, reading: nil, into: &unused)
    }

    /// Receives one message, reading metadata `property` of its frames into `value`.
    private func receive(flags: Int32, reading property: String?, into value: inout String?) throws(ZMQError) -> [Data]? {
        let handle = try openHandle("receive")
        var frames: [Data] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        repeat {
            // Later frames of a message are already here (atomic delivery), so
            // they are read without DONTWAIT and cannot block.
            let frameFlags = frames.isEmpty ? flags : 0
            do {
                try zmqCall("receive \(kind)") { zmq_msg_recv(&message, handle, frameFlags) }
            } catch where error.code == .wouldBlock && frames.isEmpty && flags & ZMQ_DONTWAIT != 0 {
                return nil
            }
            // A ROUTER makes up the routing-id frame itself, without the connection's metadata: any frame that has it will do.
            if let property, let text = zmq_msg_gets(&message, property) {
                value = String(cString: text)
            }
            let size = zmq_msg_size(&message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq_msg_data(&message), count: size))
        } while zmq_msg_more(&message) != 0
        return frames
    }
}
