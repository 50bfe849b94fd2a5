"""A TCP relay that can play a stopped or a frozen database server."""

import select
import socket
import threading


class Relay:
    """127.0.0.1:port -> PostgreSQL, in one of three modes: pass, refuse, freeze."""

    def __init__(self, target):
        self.target, self.mode, self.held = target, "pass", []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _address = self.listener.accept()
            if self.mode == "refuse":
                client.close()
            elif self.mode == "freeze":
                self.held.append(client)  # accepted, never answered
            else:
                upstream = socket.create_connection(self.target)
                threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a, b):
        with a, b:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
