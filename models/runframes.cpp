#include "runframes.h"

#include <array>

namespace Signalbox {

namespace {

bool isActive(const QString &status)
{
    return status == QLatin1String("running") || status == QLatin1String("waiting")
           || status == QLatin1String("retrying");
}

// "outer[2]/inner[0]" -> parent "outer[2]", container "inner", index 0. False for "".
bool splitLast(QStringView frame, QStringView *parent, QStringView *container, int *index)
{
    const qsizetype slash = frame.lastIndexOf(QLatin1Char('/'));
    const QStringView last = slash < 0 ? frame : frame.mid(slash + 1);
    const qsizetype open = last.lastIndexOf(QLatin1Char('['));
    if (open <= 0 || !last.endsWith(QLatin1Char(']')))
        return false;
    if (parent)
        *parent = slash < 0 ? QStringView() : frame.left(slash);
    if (container)
        *container = last.left(open);
    if (index)
        *index = last.mid(open + 1, last.size() - open - 2).toInt();
    return true;
}

QString instanceKey(const QString &parentFrame, const QString &container)
{
    return parentFrame.isEmpty() ? container : parentFrame + QLatin1Char('/') + container;
}

QString scalarText(const Json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number() || v.is_boolean() || v.is_null())
        return QString::fromStdString(v.dump());
    return {};
}

// A short name for a map item: a scalar as is, an object by its most telling scalar field.
QString itemLabel(const Json &v)
{
    QString text;
    if (v.is_object()) {
        static constexpr std::array keys{"name", "id", "key", "title", "file", "path", "image", "url"};
        for (const char *k : keys) {
            const auto it = v.find(k);
            if (it != v.end() && !scalarText(*it).isEmpty()) {
                text = QString::fromLatin1(k) + QStringLiteral(": ") + scalarText(*it);
                break;
            }
        }
        for (auto it = v.begin(); text.isEmpty() && it != v.end(); ++it) {
            if (!scalarText(it.value()).isEmpty())
                text = QString::fromStdString(it.key()) + QStringLiteral(": ")
                       + scalarText(it.value());
        }
        if (text.isEmpty())
            text = QString::fromStdString(v.dump());
    } else if (v.is_array()) {
        text = QString::fromStdString(v.dump());
    } else {
        text = scalarText(v);
    }
    constexpr int maxChars = 60;
    return text.size() > maxChars ? text.left(maxChars - 1) + QChar(0x2026) : text;
}

QString eventStatus(const HistoryEvent &e)
{
    switch (e.type) {
    case EventType::StateEntered:
    case EventType::TaskStarted:
    case EventType::TaskInterrupted:
    case EventType::WaitFired:
    case EventType::EventReceived:
    case EventType::ApprovalGranted:
    case EventType::ApprovalRejected:
        return QStringLiteral("running");
    case EventType::TaskScheduled:
        return e.data.value("activity", false) ? QStringLiteral("waiting")
                                               : QStringLiteral("running");
    case EventType::RetryScheduled:
        return QStringLiteral("retrying");
    case EventType::EventAwaited:
    case EventType::WaitStarted:
        return QStringLiteral("waiting");
    case EventType::StateExited:
        return QStringLiteral("succeeded");
    case EventType::StateFailed:
    case EventType::CatchTaken:
        return QStringLiteral("failed");
    default:
        return {};
    }
}

} // namespace

QString RunFrames::Instance::frameOf(int index) const
{
    return instanceKey(parentFrame, container) + QLatin1Char('[') + QString::number(index)
           + QLatin1Char(']');
}

void RunFrames::clear(bool keepSelections)
{
    const QHash<QString, int> selected = m_selected;
    *this = RunFrames();
    if (keepSelections)
        m_selected = selected;
}

bool RunFrames::apply(const HistoryEvent &e)
{
    if (e.type == EventType::BranchStarted || e.type == EventType::BranchFinished)
        return applyBranch(e);
    const QString state = QString::fromStdString(e.state);
    const QString frame = QString::fromStdString(e.frame);
    bool changed = false;
    // A container that fails, is caught, retries or ends stops the iterations still running.
    if (e.type == EventType::StateFailed || e.type == EventType::CatchTaken
        || e.type == EventType::RetryScheduled || e.type == EventType::StateExited) {
        const QString key = instanceKey(frame, state);
        if (m_instances.contains(key))
            changed = stopChildren(key, QStringLiteral("cancelled"));
    }
    if (frame.isEmpty() || state.isEmpty())
        return changed;
    const QString status = eventStatus(e);
    if (status.isEmpty())
        return changed;

    QStringView parentFrame, container;
    int index = 0;
    if (splitLast(frame, &parentFrame, &container, &index) && !m_parent.contains(state))
        m_parent.insert(state, container.toString());
    Cell &c = m_cells[frame + QLatin1Char('/') + state];
    if (c.state.isEmpty()) {
        c.frame = frame;
        c.state = state;
    }
    const bool counted = matches(frame);
    if (counted)
        countCell(c, -1);
    c.status = status;
    if (e.type == EventType::StateEntered) {
        ++c.visits;
        const QString last = m_frameLastExited.take(frame);
        if (!last.isEmpty()) {
            const QString edge = last + QLatin1Char('>') + state;
            QStringList &edges = m_frameEdges[frame];
            if (!edges.contains(edge)) {
                edges.append(edge);
                if (counted)
                    countEdge(edge);
            }
        }
        auto inst = m_instances.find(instanceKey(parentFrame.toString(), container.toString()));
        if (inst != m_instances.end() && index < inst->items.size()
            && inst->items[index].firstState.isEmpty())
            inst->items[index].firstState = state;
    } else if (e.type == EventType::StateExited || e.type == EventType::CatchTaken) {
        m_frameLastExited.insert(frame, state);
    }
    if (counted) {
        countCell(c, +1);
        deriveStatus(state);
    }
    return true;
}

bool RunFrames::applyBranch(const HistoryEvent &e)
{
    const QString frame = QString::fromStdString(e.frame);
    const QString container = QString::fromStdString(e.state);
    const QString key = instanceKey(frame, container);
    auto it = m_instances.find(key);
    if (it == m_instances.end()) {
        it = m_instances.insert(key, Instance{container, frame, {}});
        m_instancesOf[container].append(key);
        QStringView outer;
        if (splitLast(frame, nullptr, &outer, nullptr))
            m_parent.insert(container, outer.toString());
    }
    const int index = e.data.value("index", 0);
    if (index < 0)
        return false;
    const int count = e.data.value("count", index + 1);
    if (it->items.size() < std::max(count, index + 1))
        it->items.resize(std::max(count, index + 1));
    Iteration &item = it->items[index];
    if (e.type == EventType::BranchStarted) {
        const bool rerun = item.status != QLatin1String("pending");
        item = Iteration();
        item.status = QStringLiteral("running");
        item.item = itemLabel(e.data.value("input", Json()));
        item.startedMs = e.atMs;
        if (rerun) { // a retried or redriven container runs the iteration again from its start
            const QString prefix = it->frameOf(index);
            for (auto c = m_cells.begin(); c != m_cells.end();) {
                if (c->frame == prefix || c->frame.startsWith(prefix + QLatin1Char('/')))
                    c = m_cells.erase(c);
                else
                    ++c;
            }
            m_frameEdges.remove(prefix);
            m_frameLastExited.remove(prefix);
            recount();
        }
    } else {
        const bool failed = e.data.contains("error");
        item.status = failed ? QStringLiteral("failed") : QStringLiteral("succeeded");
        item.endedMs = e.atMs;
        if (failed) {
            const QString cause = QString::fromStdString(e.data.value("cause", std::string()));
            item.error = QString::fromStdString(e.data.value("error", std::string()))
                         + (cause.isEmpty() ? QString() : QStringLiteral(": ") + cause);
        }
    }
    return true;
}

bool RunFrames::stopChildren(const QString &key, const QString &status)
{
    bool changed = false;
    Instance &inst = m_instances[key];
    for (Iteration &item : inst.items) {
        if (item.status == QLatin1String("running")) {
            item.status = status;
            changed = true;
        }
    }
    if (!changed)
        return false;
    const QString prefix = key + QLatin1Char('[');
    for (Cell &c : m_cells) {
        if (isActive(c.status) && c.frame.startsWith(prefix)) {
            const bool counted = matches(c.frame);
            if (counted)
                countCell(c, -1);
            c.status = status;
            if (counted) {
                countCell(c, +1);
                deriveStatus(c.state);
            }
        }
    }
    return true;
}

void RunFrames::stopActive(const QString &status)
{
    for (Instance &inst : m_instances) {
        for (Iteration &item : inst.items) {
            if (item.status == QLatin1String("running"))
                item.status = status;
        }
    }
    bool changed = false;
    for (Cell &c : m_cells) {
        if (isActive(c.status)) {
            c.status = status;
            changed = true;
        }
    }
    if (changed)
        recount();
}

void RunFrames::countCell(const Cell &c, int sign)
{
    if (!c.status.isEmpty())
        m_counts[c.state][c.status] += sign;
    const int visits = m_visits.value(c.state) + sign * c.visits;
    if (visits > 0)
        m_visits.insert(c.state, visits);
    else
        m_visits.remove(c.state);
}

void RunFrames::deriveStatus(const QString &state)
{
    // One colour for all the frames shown: activity first, then failure, then success.
    const QHash<QString, int> counts = m_counts.value(state);
    for (const char *s : {"running", "retrying", "waiting", "failed", "cancelled", "succeeded"}) {
        if (counts.value(QLatin1String(s)) > 0) {
            m_status.insert(state, QString::fromLatin1(s));
            return;
        }
    }
    m_status.remove(state);
}

void RunFrames::countEdge(const QString &edge)
{
    if (m_edgeCounts[edge]++ == 0)
        m_taken.append(edge);
}

void RunFrames::recount()
{
    m_counts.clear();
    m_status.clear();
    m_visits.clear();
    m_edgeCounts.clear();
    m_taken.clear();
    for (const Cell &c : std::as_const(m_cells)) {
        if (matches(c.frame))
            countCell(c, +1);
    }
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        deriveStatus(it.key());
    for (auto it = m_frameEdges.cbegin(); it != m_frameEdges.cend(); ++it) {
        if (matches(it.key())) {
            for (const QString &edge : it.value())
                countEdge(edge);
        }
    }
    m_taken.sort(); // hash order is arbitrary: keep the list stable
}

bool RunFrames::matches(QStringView frame) const
{
    if (m_selected.isEmpty())
        return true;
    for (const QStringView step : frame.tokenize(QLatin1Char('/'))) {
        QStringView container;
        int index = 0;
        if (!splitLast(step, nullptr, &container, &index))
            continue;
        const auto it = m_selected.constFind(container.toString());
        if (it != m_selected.cend() && *it != index)
            return false;
    }
    return true;
}

bool RunFrames::select(const QString &container, int index)
{
    if (selected(container) == std::max(index, -1))
        return false;
    if (index < 0)
        m_selected.remove(container);
    else
        m_selected.insert(container, index);
    // The selections inside this container belonged to its previous iteration.
    const QStringList keys = m_selected.keys();
    for (const QString &key : keys) {
        QString p = m_parent.value(key);
        for (int depth = 0; !p.isEmpty() && depth < 64; ++depth, p = m_parent.value(p)) {
            if (p == container) {
                m_selected.remove(key);
                break;
            }
        }
    }
    recount();
    return true;
}

void RunFrames::clearSelections()
{
    if (m_selected.isEmpty())
        return;
    m_selected.clear();
    recount();
}

QVariantMap RunFrames::selections() const
{
    QVariantMap out;
    for (auto it = m_selected.cbegin(); it != m_selected.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

const RunFrames::Instance *RunFrames::instance(const QString &container, QString *blockedBy) const
{
    if (blockedBy)
        blockedBy->clear();
    const Instance *found = nullptr;
    int candidates = 0;
    const auto keys = m_instancesOf.constFind(container);
    if (keys == m_instancesOf.cend())
        return nullptr;
    for (const QString &key : *keys) {
        const auto inst = m_instances.constFind(key);
        if (inst != m_instances.cend() && matches(inst->parentFrame)) {
            found = &*inst;
            ++candidates;
        }
    }
    if (candidates <= 1)
        return found;
    if (blockedBy) { // the nearest enclosing container with no iteration picked
        QString p = m_parent.value(container);
        for (int depth = 0; !p.isEmpty() && depth < 64; ++depth, p = m_parent.value(p)) {
            if (!m_selected.contains(p)) {
                *blockedBy = p;
                break;
            }
        }
    }
    return nullptr;
}

int RunFrames::done(const QString &state) const
{
    return m_counts.value(state).value(QStringLiteral("succeeded"));
}

QVariantMap RunFrames::doneCounts() const
{
    QVariantMap out;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        out.insert(it.key(), it.value().value(QStringLiteral("succeeded")));
    return out;
}

QVariantMap RunFrames::iterationCounts() const
{
    QHash<QString, std::array<int, 3>> sums; // started, finished, failed
    for (const Instance &inst : m_instances) {
        if (!matches(inst.parentFrame))
            continue;
        std::array<int, 3> &s = sums[inst.container];
        for (const Iteration &item : inst.items) {
            if (item.status == QLatin1String("pending"))
                continue;
            ++s[0];
            if (item.status == QLatin1String("succeeded"))
                ++s[1];
            else if (item.status == QLatin1String("failed"))
                ++s[2];
        }
    }
    QVariantMap out;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        out.insert(it.key(), QVariantMap{{QStringLiteral("started"), it.value()[0]},
                                         {QStringLiteral("finished"), it.value()[1]},
                                         {QStringLiteral("failed"), it.value()[2]}});
    return out;
}

} // namespace Signalbox
