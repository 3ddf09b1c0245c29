/**
 * PaySim and CiferAI CSV ({@code step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,
 * newbalanceDest,isFraud,isFlaggedFraud}). See {@link io.openfraud.formats.paysim.PaySimDecoder} for the mapping and
 * the rule that gives these id-less rows their transaction ids.
 */
package io.openfraud.formats.paysim;
