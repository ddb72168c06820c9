// The bridge from the command line to the diagram renderer. The renderer needs QtQuick, which the
// CLI library does not link; the GUI build registers it at start-up (app/main.cpp), so
// `signalbox export --to svg|png` works in the full binary and says why not in a headless build.
#pragma once

#include "signalbox/definition.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace Signalbox::Cli {

// Renders `def` as "svg" or "png" into `data`; returns false with `error` set on failure.
using DiagramExporter = std::function<bool(const Definition &def, const QString &format,
                                           QByteArray *data, QString *error)>;

void setDiagramExporter(DiagramExporter exporter);
DiagramExporter diagramExporter();

} // namespace Signalbox::Cli
