// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

// Handing work and results between threads, the Qt way (queued calls, a thread pool), in a
// form ThreadSanitizer can check.
//
// Qt orders a queued call after the code that posted it, and a QFuture's result after the
// code that reported it, with locks inside libQt6Core. A Qt that is not built with TSan
// (Debian's) hides those locks from it, so every value handed over looks like a race, and
// real races drown in the noise. These helpers mark the same order Qt guarantees, and no
// more, with TSan's annotations: the posting side releases once the closure (or result) is
// completely written, the receiving side acquires before it reads it. In other builds the
// marks compile to nothing and the helpers are plain invokeMethod and QThreadPool::start.
// Use them for every cross-thread handoff in views/ (tests/views run under the tsan preset).

#include <QFuture>
#include <QFutureInterface>
#include <QFutureWatcher>
#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define TAPIR_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TAPIR_TSAN 1
#endif
#endif
#ifdef TAPIR_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace tapir::views {

inline void tsanRelease([[maybe_unused]] const void* channel) {
#ifdef TAPIR_TSAN
    __tsan_release(const_cast<void*>(channel));
#endif
}

inline void tsanAcquire([[maybe_unused]] const void* channel) {
#ifdef TAPIR_TSAN
    __tsan_acquire(const_cast<void*>(channel));
#endif
}

// A callable on its way to another thread. Qt copies or moves it into its final place (the
// queued call's slot object, the pool's runnable) and calls it there, possibly copying it
// on the receiving side first; it may be destroyed by either side. The channel is the
// object's own address: constructing one releases it, reading one (copy, move, call,
// destruction) first acquires the object it reads, and a call releases again when it is done.
template <typename F>
class Handoff {
public:
    explicit Handoff(F f) : m_f(std::move(f)) { tsanRelease(this); }
    Handoff(Handoff&& other) noexcept(std::is_nothrow_move_constructible_v<F>)
        : m_f(std::move(acquired(other).m_f)) {
        tsanRelease(&other);
        tsanRelease(this);
    }
    Handoff(const Handoff& other) : m_f(acquired(other).m_f) { tsanRelease(this); }
    Handoff& operator=(const Handoff&) = delete;
    Handoff& operator=(Handoff&&) = delete;
    ~Handoff() { tsanAcquire(this); }

    template <typename... Args>
    decltype(auto) operator()(Args&&... args) {
        tsanAcquire(this);
        struct Done {
            const void* channel;
            ~Done() { tsanRelease(channel); }
        } done{this};
        return m_f(std::forward<Args>(args)...);
    }

private:
    template <typename H>
    static H& acquired(H& other) {
        tsanAcquire(&other);
        return other;
    }

    F m_f;
};

// Runs `f` on the thread of `target`, from its event loop (Qt::QueuedConnection). Nothing
// happens when `target` is null (a QPointer to an object that is gone).
template <typename F>
void postTo(QObject* target, F&& f) {
    if (target != nullptr) {
        QMetaObject::invokeMethod(target, Handoff<std::decay_t<F>>(std::forward<F>(f)),
                                  Qt::QueuedConnection);
    }
}

namespace detail {
// One channel per result type: the worker releases it after reporting the result, the
// receiver acquires it before reading the result or dropping the future, and releases it
// after reading (the worker's copy of the future may be the last, and delete the result).
template <typename T>
const void* resultChannel() {
    static const char channel = 0;
    return &channel;
}

// The worker's end of a runOnPool() future.
template <typename T>
struct Reporter {
    QFutureInterface<T> promise;
    ~Reporter() { tsanAcquire(resultChannel<T>()); }
};
}  // namespace detail

// Runs `f` on `pool` and returns its future (watch it with a QFutureWatcher, read the result
// with resultOf()). Like QtConcurrent::run, but the runnable is the pool's own
// (QThreadPool::start(std::function)), so no Qt template code reads the task on the worker
// before the Handoff marks it; the result goes through QFutureInterface, whose lock
// ThreadSanitizer sees, and is marked as well.
template <typename F>
auto runOnPool(QThreadPool* pool, F&& f) {
    using T = std::invoke_result_t<std::decay_t<F>&>;
    QFutureInterface<T> promise(QFutureInterfaceBase::Started);
    QFuture<T> future = promise.future();
    pool->start(
        std::function<void()>([reporter = detail::Reporter<T>{promise},
                               task = Handoff<std::decay_t<F>>(std::forward<F>(f))]() mutable {
            if constexpr (std::is_void_v<T>) {
                task();
            } else {
                reporter.promise.reportAndMoveResult(task());
            }
            tsanRelease(detail::resultChannel<T>());
            reporter.promise.reportFinished();
        }));
    return future;
}

template <typename F>
auto runOnPool(F&& f) {
    return runOnPool(QThreadPool::globalInstance(), std::forward<F>(f));
}

// The result of a finished runOnPool() future.
template <typename T>
T resultOf(const QFutureWatcher<T>& watcher) {
    tsanAcquire(detail::resultChannel<T>());
    T value = watcher.result();
    tsanRelease(detail::resultChannel<T>());
    return value;
}

// Waits for a runOnPool() future, before the watcher (and the result) may be destroyed.
template <typename T>
void waitFor(QFutureWatcher<T>& watcher) {
    watcher.waitForFinished();
    tsanAcquire(detail::resultChannel<T>());
}

}  // namespace tapir::views
