#!/bin/sh
# Reads the order JSON on stdin and passes it through when it has an orderId and a positive amount.
# Uses only POSIX sh so the example runs on any machine.
input=$(cat)
case "$input" in
  *'"orderId"'*) ;;
  *) printf '{"error":"Order.Invalid","cause":"the order has no orderId"}'; exit 1 ;;
esac
amount=$(printf '%s' "$input" | sed -n 's/.*"amount"[[:space:]]*:[[:space:]]*\(-\{0,1\}[0-9.]*\).*/\1/p')
case "$amount" in
  ''|-*|0|0.0|0.00) printf '{"error":"Order.Invalid","cause":"amount must be positive"}'; exit 1 ;;
esac
printf '%s' "$input"
