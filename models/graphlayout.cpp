#include "graphlayout.h"

#include <QMutex>
#include <QRectF>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#ifdef SIGNALBOX_HAVE_GRAPHVIZ
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#endif

namespace Signalbox {

namespace {

constexpr qreal horizontalGap = 56;
constexpr qreal verticalGap = 72;

} // namespace

bool GraphLayout::graphvizAvailable()
{
#ifdef SIGNALBOX_HAVE_GRAPHVIZ
    return true;
#else
    return false;
#endif
}

QHash<QString, QPointF> GraphLayout::layout(const QList<Node> &nodes, const QList<Edge> &edges,
                                            Engine engine, const QPointF &origin)
{
    QHash<QString, QPointF> result;
    bool ok = false;
    if (engine != Engine::Layered && graphvizAvailable() && !nodes.isEmpty())
        result = layoutGraphviz(nodes, edges, &ok);
    if (!ok)
        result = layoutLayered(nodes, edges);

    // Normalise so the drawing starts at `origin`.
    qreal minX = std::numeric_limits<qreal>::max();
    qreal minY = std::numeric_limits<qreal>::max();
    for (const QPointF &p : std::as_const(result)) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
    }
    for (QPointF &p : result)
        p = QPointF(std::round(p.x() - minX + origin.x()), std::round(p.y() - minY + origin.y()));
    return result;
}

QHash<QString, QPointF> GraphLayout::layoutGraphviz(const QList<Node> &nodes,
                                                    const QList<Edge> &edges, bool *ok)
{
    QHash<QString, QPointF> result;
    *ok = false;
#ifdef SIGNALBOX_HAVE_GRAPHVIZ
    // libgvc keeps global state (error handlers, plugin tables); serialise its use. One
    // context for the whole process, never freed: Graphviz's pango plugin remembers a pointer
    // to the last font name, which lives in the context's font table; freeing the context after
    // each layout left that pointer dangling and the next layout read freed memory (found by
    // AddressSanitizer in monitor_bench).
    static QMutex mutex;
    QMutexLocker locker(&mutex);
    static GVC_t *const gvc = gvContext();
    if (!gvc)
        return result;
    Agraph_t *g = agopen(const_cast<char *>("workflow"), Agdirected, nullptr);
    auto set = [](void *obj, const char *key, const QByteArray &value) {
        agsafeset(obj, const_cast<char *>(key), const_cast<char *>(value.constData()),
                  const_cast<char *>(""));
    };
    set(g, "rankdir", "TB");
    set(g, "nodesep", QByteArray::number(horizontalGap / 72.0));
    set(g, "ranksep", QByteArray::number(verticalGap / 72.0));
    set(g, "splines", "false");

    QHash<QString, Agnode_t *> gvNodes;
    for (int i = 0; i < nodes.size(); ++i) {
        const QByteArray key = "n" + QByteArray::number(i);
        Agnode_t *n = agnode(g, const_cast<char *>(key.constData()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "width", QByteArray::number(nodes[i].size.width() / 72.0));
        set(n, "height", QByteArray::number(nodes[i].size.height() / 72.0));
        gvNodes.insert(nodes[i].id, n);
    }
    for (const Edge &e : edges) {
        Agnode_t *a = gvNodes.value(e.from);
        Agnode_t *b = gvNodes.value(e.to);
        if (!a || !b || a == b)
            continue;
        Agedge_t *edge = agedge(g, a, b, nullptr, 1);
        // A labelled edge spans two ranks: the free rank between its ends is where its label
        // goes (EdgesModel places it there after routing). Labels given to dot as fixed-size
        // boxes get a rank of their own too, but dot then orders the nodes around the labels,
        // which crossed more edges than it saved in the bundled examples.
        if (!e.label.isEmpty())
            agsafeset(edge, const_cast<char *>("minlen"), const_cast<char *>("2"),
                      const_cast<char *>("1"));
    }
    if (gvLayout(gvc, g, "dot") == 0) {
        for (const Node &node : nodes) {
            Agnode_t *n = gvNodes.value(node.id);
            const pointf c = ND_coord(n);
            // Graphviz's y axis points up; ours points down.
            result.insert(node.id,
                          QPointF(c.x - node.size.width() / 2, -c.y - node.size.height() / 2));
        }
        gvFreeLayout(gvc, g);
        *ok = true;
    }
    agclose(g);
#else
    Q_UNUSED(nodes)
    Q_UNUSED(edges)
#endif
    return result;
}

QHash<QString, QPointF> GraphLayout::layoutLayered(const QList<Node> &nodes,
                                                   const QList<Edge> &edges)
{
    // Ranks by longest path from the roots, ignoring back edges found by a DFS.
    const int n = int(nodes.size());
    QHash<QString, int> index;
    for (int i = 0; i < n; ++i)
        index.insert(nodes[i].id, i);
    QList<QList<int>> out(n);
    for (const Edge &e : edges) {
        const int a = index.value(e.from, -1);
        const int b = index.value(e.to, -1);
        if (a >= 0 && b >= 0 && a != b)
            out[a].append(b);
    }
    QList<int> state(n, 0); // 0 new, 1 on stack, 2 done
    QList<QList<int>> forward(n);
    std::function<void(int)> dfs = [&](int v) {
        state[v] = 1;
        for (int w : std::as_const(out[v])) {
            if (state[w] == 1)
                continue; // back edge
            forward[v].append(w);
            if (state[w] == 0)
                dfs(w);
        }
        state[v] = 2;
    };
    for (int i = 0; i < n; ++i)
        if (state[i] == 0)
            dfs(i);
    // Longest path ranks over the acyclic forward edges (in topological order). A std::vector:
    // QList<int>(n, 0) here trips a GCC 12 -Wstringop-overflow false positive in Qt's headers.
    std::vector<int> indegree(n, 0);
    for (int v = 0; v < n; ++v)
        for (int w : std::as_const(forward[v]))
            ++indegree[w];
    QList<int> queue;
    for (int v = 0; v < n; ++v)
        if (indegree[v] == 0)
            queue.append(v);
    QList<int> rank(n, 0);
    for (int qi = 0; qi < queue.size(); ++qi) {
        const int v = queue[qi];
        for (int w : std::as_const(forward[v])) {
            rank[w] = std::max(rank[w], rank[v] + 1);
            if (--indegree[w] == 0)
                queue.append(w);
        }
    }
    int maxRank = 0;
    for (int r : std::as_const(rank))
        maxRank = std::max(maxRank, r);
    QList<QList<int>> layers(maxRank + 1);
    for (int v = 0; v < n; ++v)
        layers[rank[v]].append(v);
    // Order each layer by the barycentre of its predecessors' positions.
    QList<qreal> order(n, 0);
    for (int l = 0; l <= maxRank; ++l) {
        QList<int> &layer = layers[l];
        if (l > 0) {
            QList<qreal> bary(n, 0);
            for (int v : std::as_const(layer)) {
                qreal sum = 0;
                int count = 0;
                for (int u = 0; u < n; ++u)
                    if (rank[u] == l - 1 && forward[u].contains(v)) {
                        sum += order[u];
                        ++count;
                    }
                bary[v] = count ? sum / count : order[v];
            }
            std::stable_sort(layer.begin(), layer.end(),
                             [&](int a, int b) { return bary[a] < bary[b]; });
        }
        for (int i = 0; i < layer.size(); ++i)
            order[layer[i]] = i;
    }
    // Labels of the edges leaving a layer need room below it.
    std::vector<qreal> labelRoom(size_t(maxRank + 1), 0);
    for (const Edge &e : edges) {
        const int a = index.value(e.from, -1);
        if (a >= 0 && !e.label.isEmpty())
            labelRoom[size_t(rank[a])] = std::max(labelRoom[size_t(rank[a])], e.label.height());
    }
    // Place layers centred on a common axis.
    QHash<QString, QPointF> result;
    qreal y = 0;
    for (int l = 0; l < layers.size(); ++l) {
        const QList<int> &layer = layers[l];
        qreal width = 0;
        qreal height = 0;
        for (int v : layer) {
            width += nodes[v].size.width();
            height = std::max(height, nodes[v].size.height());
        }
        width += horizontalGap * std::max<qsizetype>(0, layer.size() - 1);
        qreal x = -width / 2;
        for (int v : layer) {
            const QSizeF s = nodes[v].size;
            result.insert(nodes[v].id, QPointF(x, y + (height - s.height()) / 2));
            x += s.width() + horizontalGap;
        }
        y += height + verticalGap + labelRoom[size_t(l)];
    }
    return result;
}

} // namespace Signalbox
