package coroutines.testbed;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Loads the JDK's socket and selector classes before the run starts its clock, as the article's
 * Python programs do with {@code import socket} and {@code import selectors} before theirs. The JVM
 * loads a class at its first use, so without this the first connect of every run would also pay
 * for loading and initialising the JDK's networking code, inside what the run measures.
 */
final class NetworkClasses {

    private NetworkClasses() {
    }

    /** Opens, and closes again, what the stages use: a blocking socket, a channel, a selector. Connects nowhere. */
    static void load() {
        try (Socket socket = new Socket();
             Selector selector = Selector.open();
             SocketChannel channel = SocketChannel.open()) {
            socket.setSoTimeout(1);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_CONNECT);
            selector.selectNow();
        } catch (IOException ignored) {
            // Nothing depends on it: the stage would load the same classes at its first connect.
        }
    }
}
