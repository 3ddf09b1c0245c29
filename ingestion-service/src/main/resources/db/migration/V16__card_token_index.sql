-- Governance resolves a data-subject request naming a card number to the customers who paid with it
-- (POST /internal/v1/subjects/search {"cardToken"}): look the token up without a full scan.
CREATE INDEX transactions_card_token ON transactions (card_token);
