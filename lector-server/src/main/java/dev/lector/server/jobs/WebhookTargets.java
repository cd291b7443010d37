package dev.lector.server.jobs;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which {@code callback_url}s the operator allows: http or https URLs whose host is one of
 * {@code --webhook-allow} ({@code host}, {@code host:port}, or {@code *.domain} for its subdomains).
 */
record WebhookTargets(List<String> allowed) {

    WebhookTargets {
        allowed = List.copyOf(allowed);
    }

    /** The URL as given when allowed; otherwise an {@link IllegalArgumentException} saying why. */
    URI check(String url) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("this server sends no webhooks: its operator allows callback hosts with --webhook-allow");
        }
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callback_url is not a URL: '" + url + "'");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("callback_url must be an http or https URL with a host, not '" + url + "'");
        }
        if (u.getUserInfo() != null) throw new IllegalArgumentException("callback_url must not carry a user name or password");
        String host = u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        for (String a : allowed) {
            if (a.equals(host) || a.equals(host + ":" + port)) return u;
            if (a.startsWith("*.") && host.endsWith(a.substring(1)) && host.length() > a.length() - 1) return u;
        }
        throw new IllegalArgumentException("callback_url host '" + host + "' is not allowed on this server (--webhook-allow)");
    }
}
