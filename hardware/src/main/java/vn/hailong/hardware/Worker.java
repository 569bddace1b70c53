package vn.hailong.hardware;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread of a panel driver or a simulated panel: started once, paused between tries, and
 * stopped (then joined) on close.
 */
public final class Worker {
    private final String name;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public Worker(String name) {
        this.name = name;
    }

    /** Starts {@code loop} on a daemon thread; false when this worker had already been started. */
    public synchronized boolean start(Runnable loop) {
        if (thread != null) {
            return false;
        }
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    public boolean running() {
        return stopped.getCount() > 0;
    }

    /** Waits {@code d}, or less when stopped meanwhile; true when the worker is stopped. */
    public boolean pause(Duration d) {
        try {
            return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Asks the loop to end and waits up to two seconds for it. */
    public void stop() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
