package io.openfraud.events.transaction;

/** Kind of payment. PaySim's five types plus card payments (Sparkov). */
public enum TransactionType {
    PAYMENT, TRANSFER, CASH_OUT, CASH_IN, DEBIT, CARD
}
