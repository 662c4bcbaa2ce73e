import Foundation
import Testing
@testable import FrontierTransport

@Suite("Socket and context lifecycle")
struct LifecycleTests {
    @Test("Library version and CURVE availability")
    func library() {
        let version = ZMQ.version
        #expect(version.major == 4 && version.minor >= 3)
        _ = ZMQ.hasCurve
    }

    @Test("bind on a wildcard port returns the real one; a second bind names the endpoint",
          arguments: ["tcp://127.0.0.1:*", "inproc://twice"])
    func bindTwice(endpoint: String) throws {
        let context = try ZMQContext()
        let first = try context.socket(.router)
        let bound = try first.bind(endpoint)
        if endpoint.hasPrefix("tcp") {
            let port = Int(bound.split(separator: ":").last ?? "")
            #expect(bound.hasPrefix("tcp://127.0.0.1:") && (port ?? 0) > 0)
        }
        let second = try context.socket(.router)
        var caught: ZMQError?
        do { try second.bind(bound) } catch { caught = error }
        #expect(caught?.code == .other)
        #expect(caught?.description.contains("bind \(bound): ") == true)
        #expect(caught?.description.contains("in use") == true)

        // Once unbound, the endpoint is free again.
        try first.unbind(bound)
        if endpoint.hasPrefix("inproc") { #expect(try second.bind(bound) == bound) }
    }

    @Test("A bad endpoint reports the operation and the reason")
    func badEndpoint() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        var caught: ZMQError?
        do { try socket.connect("nonsense://x") } catch { caught = error }
        #expect(caught?.operation == "connect nonsense://x")
        #expect(caught.map { !$0.message.isEmpty } == true)
    }

    @Test("Polling an idle socket for 50 ms waits and returns nothing")
    func pollTimeout() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.bind("inproc://idle")
        let started = ContinuousClock.now
        let ready = try ZMQPoller([socket]).poll(timeout: .milliseconds(50))
        #expect(ready.isEmpty)
        #expect(ContinuousClock.now - started >= .milliseconds(40))
        let startedAgain = ContinuousClock.now
        #expect(try ZMQPoller([socket]).poll(timeoutMilliseconds: 50).isEmpty)
        #expect(ContinuousClock.now - startedAgain >= .milliseconds(40))
    }

    @Test("Closing twice is harmless; a closed socket reports socketClosed")
    func closeTwice() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.connect("tcp://127.0.0.1:9")
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(throwsZMQ(.socketClosed) { try socket.send(Data("x".utf8)) })
        #expect(throwsZMQ(.socketClosed) { _ = try socket.tryReceive() })
        #expect(throwsZMQ(.socketClosed) { _ = try ZMQPoller([socket]).poll(timeout: .zero) })
    }

    @Test("Shutting down a context with open sockets and queued messages does not hang")
    func shutdownWithOpenSockets() throws {
        let finished = DispatchSemaphore(value: 0)
        let outcome = LockedBox<String>("did not finish")
        Thread.detachNewThread {
            do {
                let context = try ZMQContext()
                let router = try context.socket(.router)
                let endpoint = try router.bind("tcp://127.0.0.1:*")
                let dealer = try context.socket(.dealer)
                try dealer.connect(endpoint)
                // Queued for a peer that never answers.
                let stranded = try context.socket(.dealer)
                try stranded.connect("tcp://127.0.0.1:9")
                try stranded.send(Data("never delivered".utf8))
                context.shutdown()
                context.shutdown()
                #expect(context.isShutDown)
                let terminated = throwsZMQ(.contextTerminated) { try dealer.send(Data("x".utf8)) }
                    && throwsZMQ(.contextTerminated) { _ = try router.receive() }
                    && throwsZMQ(.contextTerminated) { _ = try context.socket(.pub) }
                outcome.value = terminated ? "ok" : "operations did not report contextTerminated"
                // Leaving scope releases sockets, then the context (zmq_ctx_term).
            } catch {
                outcome.value = "\(error)"
            }
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(outcome.value == "ok")
    }

    @Test("shutdown wakes a receive blocked in another thread")
    func shutdownWakesBlockedReceive() throws {
        let context = try ZMQContext()
        let finished = DispatchSemaphore(value: 0)
        let outcome = LockedBox<ZMQError.Code?>(nil)
        Thread.detachNewThread {
            do {
                let socket = try context.socket(.dealer)
                try socket.bind("inproc://blocked")
                _ = try socket.receive()
            } catch let error as ZMQError {
                outcome.value = error.code
            } catch {}
            finished.signal()
        }
        Thread.sleep(forTimeInterval: 0.1)
        context.shutdown()
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(outcome.value == .contextTerminated)
    }
}
