// How the usage page writes numbers: whole tokens with the reader's separators, dollars to a hundredth of a cent
// (a turn often costs less than a cent).
export const integer = new Intl.NumberFormat();
export const usd = new Intl.NumberFormat(undefined, {
    style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4,
});
