package io.openfraud.formats;

/** One synthetic header and valid row per format, for tests that surround them with junk. */
public final class Samples {

    private Samples() {
    }

    /** The header line, or {@code null} for a format without one. */
    public static String header(FileFormat format) {
        return switch (format) {
            case PAYSIM -> "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
                    + "newbalanceDest,isFraud,isFlaggedFraud";
            case SPARKOV -> "Unnamed: 0,trans_date_trans_time,cc_num,merchant,category,amt,first,last,gender,street,"
                    + "city,state,zip,lat,long,city_pop,job,dob,trans_num,unix_time,merch_lat,merch_long,is_fraud";
            case NDJSON -> null;
        };
    }

    public static String row(FileFormat format) {
        return switch (format) {
            case PAYSIM -> "7,CASH_OUT,120.00,C0000000007,500.0,380.0,C0000000008,0.0,120.0,0,0";
            case SPARKOV -> "0,2020-06-21 12:00:00,4000123412341234,\"fraud_Shop, Ltd\",misc_net,3.50,Testy,Tester,M,"
                    + "\"1 Example Street, Apt 2\",Sampletown,ZZ,54321,10.0,20.0,100,\"Tester, \"\"QA\"\"\","
                    + "1990-01-01,t0000000000000000000000000000003,1000000000,10.5,20.5,1";
            case NDJSON -> "{\"transactionId\":\"t-9\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"type\":\"CARD\","
                    + "\"amount\":2.5,\"currency\":\"USD\",\"customer\":{\"id\":\"c-9\"},\"label\":\"LEGIT\"}";
        };
    }
}
