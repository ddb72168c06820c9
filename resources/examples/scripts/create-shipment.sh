#!/bin/sh
# Creates the shipment and answers with its tracking number.
cat > /dev/null
printf '{"trackingNumber":"TRK-%s","carrier":"local"}' "$(printf '%s' "$SIGNALBOX_EXECUTION_ID" | cut -c1-8)"
