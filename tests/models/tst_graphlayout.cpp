// Graph layout: both engines give non-overlapping, top-down positions.
#include "graphlayout.h"

#include <QRandomGenerator>
#include <QRectF>
#include <QtTest>

using namespace Signalbox;

class TestGraphLayout : public QObject
{
    Q_OBJECT

private:
    static void checkLayout(const QList<GraphLayout::Node> &nodes,
                            const QList<GraphLayout::Edge> &edges, GraphLayout::Engine engine)
    {
        const QHash<QString, QPointF> pos = GraphLayout::layout(nodes, edges, engine);
        QCOMPARE(pos.size(), nodes.size());
        QHash<QString, QRectF> rects;
        for (const auto &n : nodes)
            rects.insert(n.id, QRectF(pos.value(n.id), n.size));
        for (int i = 0; i < nodes.size(); ++i)
            for (int j = i + 1; j < nodes.size(); ++j)
                QVERIFY2(!rects[nodes[i].id].intersects(rects[nodes[j].id]),
                         qPrintable(nodes[i].id + " overlaps " + nodes[j].id));
        // Acyclic input: every edge points down.
        for (const auto &e : edges)
            QVERIFY2(rects[e.to].top() >= rects[e.from].bottom(),
                     qPrintable(e.from + " -> " + e.to));
        // The drawing starts at the origin.
        qreal minX = 1e9, minY = 1e9;
        for (const QPointF &p : pos) {
            minX = std::min(minX, p.x());
            minY = std::min(minY, p.y());
        }
        QCOMPARE(minX, 64.0);
        QCOMPARE(minY, 64.0);
    }

    static void randomDag(int count, QList<GraphLayout::Node> *nodes,
                          QList<GraphLayout::Edge> *edges)
    {
        QRandomGenerator rng(42);
        for (int i = 0; i < count; ++i)
            nodes->append(
                {QStringLiteral("s%1").arg(i), QSizeF(i % 3 ? 208 : 176, i % 3 ? 60 : 88)});
        for (int i = 1; i < count; ++i) {
            edges->append(
                {QStringLiteral("s%1").arg(rng.bounded(i)), QStringLiteral("s%1").arg(i)});
            if (i > 3 && rng.bounded(3) == 0)
                edges->append(
                    {QStringLiteral("s%1").arg(rng.bounded(i)), QStringLiteral("s%1").arg(i)});
        }
    }

private slots:
    void engines_data()
    {
        QTest::addColumn<int>("engine");
        QTest::newRow("layered") << int(GraphLayout::Engine::Layered);
        if (GraphLayout::graphvizAvailable())
            QTest::newRow("graphviz") << int(GraphLayout::Engine::Graphviz);
    }

    void engines()
    {
        QFETCH(int, engine);
        QList<GraphLayout::Node> nodes;
        QList<GraphLayout::Edge> edges;
        randomDag(60, &nodes, &edges);
        checkLayout(nodes, edges, GraphLayout::Engine(engine));
    }

    void cyclesAreFine()
    {
        const QList<GraphLayout::Node> nodes{{"a", {208, 60}}, {"b", {208, 60}}, {"c", {208, 60}}};
        const QList<GraphLayout::Edge> edges{{"a", "b"}, {"b", "c"}, {"c", "a"}};
        for (auto engine : {GraphLayout::Engine::Layered, GraphLayout::Engine::Auto}) {
            const auto pos = GraphLayout::layout(nodes, edges, engine);
            QCOMPARE(pos.size(), 3);
            QVERIFY(pos["a"].y() < pos["b"].y());
            QVERIFY(pos["b"].y() < pos["c"].y());
        }
    }

    void labelledEdgesGetRoom_data() { engines_data(); }

    void labelledEdgesGetRoom()
    {
        // A choice's labelled edges leave more room between the ranks than a plain edge, at
        // least the label's height.
        QFETCH(int, engine);
        const QList<GraphLayout::Node> nodes{{"a", {208, 60}}, {"b", {208, 60}}};
        auto gap = [&](const QSizeF &label) {
            const auto pos
                = GraphLayout::layout(nodes, {{"a", "b", label}}, GraphLayout::Engine(engine));
            return pos["b"].y() - (pos["a"].y() + 60);
        };
        const qreal plain = gap({});
        QVERIFY(plain > 0);
        QVERIFY2(gap({120, 20}) >= plain + 20, qPrintable(QString::number(gap({120, 20}))));
    }
};

QTEST_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
