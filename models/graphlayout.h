// Automatic layout of a workflow graph: top-down layered positions for nodes of known sizes.
// Uses Graphviz `dot` (libgvc) when the build found it, else a built-in layered layout
// (longest-path ranks, barycentre ordering), so the designer always has a readable first view.
// Both leave a free rank (dot) or the label's height (layered) between the ends of a labelled
// edge, so its label has room there.
#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QSizeF>
#include <QString>

namespace Signalbox {

class GraphLayout
{
public:
    struct Node
    {
        QString id;
        QSizeF size;
    };
    struct Edge
    {
        Edge(const QString &from, const QString &to, const QSizeF &label = {})
            : from(from)
            , to(to)
            , label(label)
        {}
        QString from;
        QString to;
        QSizeF label; // the label's box, empty without one: the layout makes room for it
    };
    enum class Engine { Auto, Graphviz, Layered };

    static bool graphvizAvailable();
    // Top-left positions of every node, with the drawing's top-left corner at `origin`.
    static QHash<QString, QPointF> layout(const QList<Node> &nodes, const QList<Edge> &edges,
                                          Engine engine = Engine::Auto,
                                          const QPointF &origin = {64, 64});

private:
    static QHash<QString, QPointF> layoutGraphviz(const QList<Node> &nodes,
                                                  const QList<Edge> &edges, bool *ok);
    static QHash<QString, QPointF> layoutLayered(const QList<Node> &nodes,
                                                 const QList<Edge> &edges);
};

} // namespace Signalbox
