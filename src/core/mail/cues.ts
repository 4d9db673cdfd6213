/**
 * The words that tell a transaction alert from everything else a bank or shop sends. General
 * cues in several languages, never one bank's wording: each list is a kind of evidence.
 */

/** Past-tense money movement out of the account holder's pocket. */
export const DEBIT_VERBS = [
  'debited', 'spent', 'paid', 'charged', 'charge of', 'withdrawn', 'withdrawal', 'purchase', 'purchased', 'payment of', 'payment to', 'payment was made',
  'transaction of', 'transaction with', 'txn of', 'used for', 'sent', 'transferred', 'authorized', 'authorised', 'placed or charged', 'has been used',
  'order total', 'total charged', 'amount charged', 'amount billed', 'billed', 'you made', "you've made", 'card payment',
  // de / fr / es / it / nl / pt
  'bezahlt', 'abgebucht', 'belastet', 'zahlung', 'paiement', 'payé', 'débité', 'debite', 'effectué', 'prélevé', 'compra', 'pago', 'cargo', 'realizado', 'pagato',
  'addebitato', 'betaald', 'betaling', 'afgeschreven', 'aprovada', 'debitado', 'pagamento',
];

/** Money in. */
export const CREDIT_VERBS = [
  'credited', 'received', 'refund', 'refunded', 'deposit', 'deposited', 'paid you', 'sent you', 'reversed', 'reversal', 'cashback credited',
  'gutschrift', 'gutgeschrieben', 'erhalten', 'remboursement', 'crédité', 'credite', 'reçu', 'recibido', 'abonado', 'reembolso', 'accreditato',
  'ontvangen', 'bijgeschreven', 'terugbetaling', 'recebido', 'creditado', 'estorno',
];

/** A receipt's total line: the amount paid for an order or a ride. */
export const TOTAL_LABELS = ['order total', 'grand total', 'total', 'amount paid', 'you paid', 'total charged', 'gesamtbetrag', 'montant total', 'importe total', 'totaal'];

/** Evidence that the mail is not a transaction, by kind. A strong kind vetoes; a weak one needs strong transaction wording to be overruled. */
export const NOT_TRANSACTION_CUES: Record<string, { strong: boolean; words: RegExp }> = {
  'one-time code': { strong: true, words: /\b(otp|one[- ]time (?:pass(?:word|code)?|code|pin)|verification code|security code|passcode|auth(?:entication)? code|código de verificación|bestätigungscode|code de vérification)\b/i },
  'login or security notice': { strong: true, words: /\b(new sign[- ]?in|signed in|sign-in (?:to|from)|log[- ]?in (?:to|from|attempt)|new device|password (?:was |has been )?(?:changed|reset)|changed your password|neues gerät|nouvel appareil)\b/i },
  'statement notice': { strong: true, words: /\b(statement (?:is )?(?:now )?(?:ready|available)|e-?statement (?:is )?(?:ready|available)|minimum (?:payment|amount) due|new balance|statement balance|kontoauszug (?:ist )?verfügbar|relevé (?:est )?disponible)\b/i },
  'payment due or scheduled': { strong: true, words: /\b(is due|due on|due date|payment reminder|reminder|scheduled (?:to|for)|upcoming payment|will be (?:debited|charged|taken)|fällig|échéance|vence)\b/i },
  'payment request': { strong: true, words: /\b(requested \S+ from you|requested [$€£₹]|request(?:ed)? (?:a )?payment|sent you a request|is requesting)\b/i },
  'summary or balance': { strong: true, words: /\b(monthly summary|weekly summary|your (?:\w+ )?summary|spending summary|available balance (?:in|of) (?:your )?a\/?c|balance alert|balance (?:as on|as of)|rate alert|exchange rate alert|would get)\b/i },
  'enrolment or account change': { strong: true, words: /\b(you are (?:now )?enrolled|enrollment|enrolment|you can send up to|card (?:has been )?(?:dispatched|activated))\b/i },
  'shipping notice': { strong: false, words: /\b(has (?:been )?shipped|has been dispatched|been dispatched|out for delivery|was delivered|been delivered|delivered:|track (?:your )?(?:package|order)|on its way|arriving|versandt|expédié|enviado)\b/i },
  marketing: { strong: false, words: /\b(unsubscribe|abmelden|se désinscrire|darse de baja|uitschrijven|save (?:up to )?[$€£₹]?\d|\d+\s?% (?:off|cashback)|cashback up to|flat [$€£₹]?\s?\d+ off|off on orders|use code|offer (?:valid|ends|expires)|deals?\b|soldes|angebot|spare \d|upgrade|t&c apply|per month|\/month|from [$€£₹]\d|à partir de|jusqu’à|jusqu'à|price (?:is )?changing|updating our prices|starting \w+ \d)\b/i },
};
