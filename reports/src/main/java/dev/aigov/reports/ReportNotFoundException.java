package dev.aigov.reports;

/** No report, or no file of a report, has the name asked for. */
public class ReportNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ReportNotFoundException(String message) {
		super(message);
	}

}
