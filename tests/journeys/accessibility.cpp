#include "accessibility.h"

#include <QElapsedTimer>

// glib's headers use "signals" as an identifier; Qt's keyword macro must not be in the way.
#undef signals
#include <atspi/atspi.h>

namespace Journey::Accessibility {

namespace {

QString take(gchar *s)
{
    const QString result = s ? QString::fromUtf8(s) : QString();
    g_free(s);
    return result;
}

void clear(GError **error)
{
    if (*error)
        g_clear_error(error);
}

void walk(AtspiAccessible *a, int depth, bool showingOnly, const QElapsedTimer &timer,
          QList<AccessibleNode> *out)
{
    // A busy or hung app answers slowly: a snapshot never takes more than ~8 s.
    if (depth > 60 || timer.elapsed() > 8000)
        return;
    GError *error = nullptr;
    AccessibleNode node;
    node.depth = depth;
    if (AtspiStateSet *states = atspi_accessible_get_state_set(a)) {
        node.showing = atspi_state_set_contains(states, ATSPI_STATE_SHOWING);
        g_object_unref(states);
    }
    // Hidden objects cost one call: nothing under them is asked for (frames are listed even when
    // hidden so that callers can tell).
    if (showingOnly && !node.showing && depth > 1)
        return;
    node.role = take(atspi_accessible_get_role_name(a, &error));
    clear(&error);
    node.name = take(atspi_accessible_get_name(a, &error)).remove(QLatin1Char('&'));
    clear(&error);
    if (AtspiComponent *c = atspi_accessible_get_component_iface(a)) {
        if (AtspiRect *r = atspi_component_get_extents(c, ATSPI_COORD_TYPE_SCREEN, &error)) {
            node.rect = QRect(r->x, r->y, r->width, r->height);
            g_free(r);
        }
        clear(&error);
        g_object_unref(c);
    }
    // The text of fields (labels' text is their name).
    if (node.role == QLatin1String("text") || node.role == QLatin1String("entry")
        || node.role == QLatin1String("password text")) {
        if (AtspiText *t = atspi_accessible_get_text_iface(a)) {
            const int count = atspi_text_get_character_count(t, &error);
            clear(&error);
            node.text = take(atspi_text_get_text(t, 0, count > 0 ? count : 0, &error));
            clear(&error);
            g_object_unref(t);
        }
    }
    out->append(node);
    const int count = atspi_accessible_get_child_count(a, &error);
    clear(&error);
    for (int i = 0; i < count && i < 2000; ++i) {
        AtspiAccessible *child = atspi_accessible_get_child_at_index(a, i, &error);
        clear(&error);
        if (!child)
            continue;
        walk(child, depth + 1, showingOnly, timer, out);
        g_object_unref(child);
    }
}

} // namespace

QList<AccessibleNode> snapshot(qint64 pid, bool showingOnly, QString *errorMessage)
{
    static const bool initialised = [] {
        atspi_init();
        // Each call waits at most 2 s for the app (libatspi's default is 25 s).
        atspi_set_timeout(2000, 5000);
        return true;
    }();
    Q_UNUSED(initialised)
    QList<AccessibleNode> nodes;
    QElapsedTimer timer;
    timer.start();
    AtspiAccessible *desktop = atspi_get_desktop(0);
    if (!desktop) {
        if (errorMessage)
            *errorMessage = QStringLiteral("no AT-SPI desktop (is the accessibility bus up?)");
        return nodes;
    }
    GError *error = nullptr;
    const int apps = atspi_accessible_get_child_count(desktop, &error);
    clear(&error);
    bool found = false;
    for (int i = 0; i < apps && !found; ++i) {
        AtspiAccessible *app = atspi_accessible_get_child_at_index(desktop, i, &error);
        clear(&error);
        if (!app)
            continue;
        const guint appPid = atspi_accessible_get_process_id(app, &error);
        clear(&error);
        if (qint64(appPid) == pid) {
            found = true;
            // The app's tree changes between snapshots: never answer from a cache.
            atspi_accessible_set_cache_mask(app, ATSPI_CACHE_NONE);
            walk(app, 0, showingOnly, timer, &nodes);
        }
        g_object_unref(app);
    }
    g_object_unref(desktop);
    static const bool trace = qEnvironmentVariableIsSet("SIGNALBOX_JOURNEY_TRACE");
    if (trace)
        qDebug("accessibility snapshot: %d objects in %lld ms", int(nodes.size()), timer.elapsed());
    if (!found && errorMessage)
        *errorMessage = QStringLiteral("process %1 is not on the accessibility bus (%2 apps)")
                            .arg(pid)
                            .arg(apps);
    return nodes;
}

QString dump(const QList<AccessibleNode> &nodes)
{
    QString out;
    for (const auto &n : nodes) {
        out += QString(n.depth * 2, QLatin1Char(' '))
               + QStringLiteral("%1 \"%2\" [%3,%4 %5x%6]%7%8\n")
                     .arg(n.role, n.name)
                     .arg(n.rect.x())
                     .arg(n.rect.y())
                     .arg(n.rect.width())
                     .arg(n.rect.height())
                     .arg(n.showing ? QString() : QStringLiteral(" hidden"))
                     .arg(n.text.isEmpty() ? QString()
                                           : QStringLiteral(" text=\"%1\"").arg(n.text.left(60)));
    }
    return out;
}

} // namespace Journey::Accessibility
