package io.perfgate.jenkins;

import java.io.Serializable;
import java.util.Objects;

/**
 * The user and password of the PostgreSQL history, from a Jenkins credential. They travel to the agent
 * that connects to the database, inside the remoting channel; {@link #toString()} never shows the password.
 */
final class HistoryAccess implements Serializable {

    private static final long serialVersionUID = 1L;

    static final HistoryAccess NONE = new HistoryAccess("", "");

    private final String user;
    private final String password;

    HistoryAccess(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "HistoryAccess[user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
